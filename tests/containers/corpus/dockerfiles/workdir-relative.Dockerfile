FROM python:3.12-alpine3.20@sha256:3e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f6082
ENV APP_HOME=/srv/reports
WORKDIR $APP_HOME
WORKDIR app
WORKDIR ${DATA_ROOT}/cache
WORKDIR /srv/reports/app
RUN adduser -D -u 10001 reports
COPY --chown=reports . .
USER reports
HEALTHCHECK CMD ["python", "-m", "reports.health"]
CMD ["python", "-m", "reports"]
