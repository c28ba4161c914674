FROM rust:1.79-slim-bookworm AS builder
WORKDIR /usr/src/shop
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/src/shop/target \
    cargo build --release --locked && cp target/release/shop /usr/local/bin/shop

FROM debian:bookworm-20240701-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin shop
COPY --from=builder /usr/local/bin/shop /usr/local/bin/shop
USER 10001
EXPOSE 3000
HEALTHCHECK CMD ["/usr/local/bin/shop", "--healthcheck"]
CMD ["/usr/local/bin/shop"]
