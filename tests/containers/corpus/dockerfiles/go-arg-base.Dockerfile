# Base images chosen by build arguments; the runtime defaults to a floating tag.
ARG GO_VERSION=1.22
ARG RUNTIME_IMAGE=alpine:latest

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/worker ./cmd/worker

FROM ${RUNTIME_IMAGE}
RUN apk add --no-cache ca-certificates=20240226-r0 \
 && adduser -D -u 10001 worker
COPY --from=build /usr/local/bin/worker /usr/local/bin/worker
USER worker
ENTRYPOINT ["/usr/local/bin/worker"]
