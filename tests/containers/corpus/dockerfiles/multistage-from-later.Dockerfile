# A stage copies from a stage defined after it, and from itself: BuildKit reads
# both names as images and the build fails (or pulls something else).
FROM golang:1.22-alpine@sha256:2c8e4a6f0b1d3e572c8e4a6f0b1d3e572c8e4a6f0b1d3e572c8e4a6f0b1d3e57 AS build
WORKDIR /src
COPY . .
COPY --from=assets /assets ./web/static
RUN go build -o /out/app .

FROM node:20.15-alpine@sha256:8f1a3c5e7b9d02468f1a3c5e7b9d02468f1a3c5e7b9d02468f1a3c5e7b9d0246 AS assets
WORKDIR /web
COPY web/ .
RUN npm ci && npm run build && mkdir -p /assets && cp -r dist/* /assets/
COPY --from=1 /web/dist/index.html /assets/index.html

FROM gcr.io/distroless/static-debian12:nonroot@sha256:5a4c1e8f2b6d3907a5a4c1e8f2b6d3907a5a4c1e8f2b6d3907a5a4c1e8f2b6d390
COPY --from=build /out/app /app
COPY --from=0 /src/config.yaml /config.yaml
USER nonroot
HEALTHCHECK CMD ["/app", "-health"]
ENTRYPOINT ["/app"]
