FROM rust:latest AS build
RUN rustup target add x86_64-unknown-linux-musl
WORKDIR /build
COPY . .
RUN cargo build --release --target x86_64-unknown-linux-musl

FROM scratch
COPY --from=build /build/target/x86_64-unknown-linux-musl/release/ingest /ingest
EXPOSE 9000
ENTRYPOINT ["/ingest"]
