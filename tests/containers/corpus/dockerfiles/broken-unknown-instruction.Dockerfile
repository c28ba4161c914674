FROM golang:1.22-alpine@sha256:2c8e4a6f0b1d3e572c8e4a6f0b1d3e572c8e4a6f0b1d3e572c8e4a6f0b1d3e57 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app . \
    && chmod 0755 /out/app
    go vet ./...
COPY --from=build /out/app /app
