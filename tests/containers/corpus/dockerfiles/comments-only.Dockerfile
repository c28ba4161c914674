# This image is built by the platform team's shared pipeline.
# See the infra repository; nothing is built from this directory yet.
#
#   FROM scratch
#   COPY app /app
