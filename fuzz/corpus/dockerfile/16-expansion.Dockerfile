ARG REGISTRY=registry.example.com:5000
ARG IMAGE=${REGISTRY}/team/app
ARG TAG
FROM ${IMAGE}:${TAG:-latest} AS app
ARG V=a/b/c.tar.gz
RUN echo ${V##*/} ${V%%.*} ${V//\//-} ${UNSET:+x} \$HOME '$HOME' "${A:-${B:-c}}"
FROM localhost/base@sha256:abcdef
FROM app
