# ARG is the only instruction allowed before the first FROM.
ARG BASE_TAG=3.20
ENV TZ=UTC
FROM alpine:${BASE_TAG}
RUN apk add --no-cache tzdata=2024a-r1
