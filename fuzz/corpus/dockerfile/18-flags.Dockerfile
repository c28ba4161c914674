FROM a
COPY --from="build stage" --chmod=755 -- --odd "/dst dir/"
RUN --mount=type=secret,id=npm,target=/root/.npmrc --network=none npm ci
