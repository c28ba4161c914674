FROM gradle:8.8-jdk21 AS build
COPY --chown=gradle:gradle . /home/gradle/src
WORKDIR /home/gradle/src
RUN gradle bootJar --no-daemon

FROM eclipse-temurin:21-jre
MAINTAINER platform-team@shop.test
EXPOSE 8080
COPY --from=build /home/gradle/src/build/libs/*.jar /app/app.jar
HEALTHCHECK CMD curl --fail http://localhost:8080/actuator/health || exit 1
ENTRYPOINT java -jar /app/app.jar
