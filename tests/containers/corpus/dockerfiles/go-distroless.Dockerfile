# syntax=docker/dockerfile:1.7
FROM --platform=$BUILDPLATFORM golang:1.22.5-bookworm@sha256:0b7e5c3a9d1f24680b7e5c3a9d1f24680b7e5c3a9d1f24680b7e5c3a9d1f2468 AS build
ARG TARGETOS
ARG TARGETARCH
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    --mount=type=bind,source=go.mod,target=go.mod \
    go mod download -x
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=bind,target=. \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /bin/server ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot@sha256:5a4c1e8f2b6d3907a5a4c1e8f2b6d3907a5a4c1e8f2b6d3907a5a4c1e8f2b6d390
COPY --from=build /bin/server /server
USER nonroot:nonroot
EXPOSE 8080/tcp
HEALTHCHECK --interval=30s --timeout=2s CMD ["/server", "healthcheck"]
ENTRYPOINT ["/server"]
