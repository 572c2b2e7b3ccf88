# fwaudit container image (docs/deploy/kubernetes/): a static binary, the CA
# certificates it needs for https (NetBox, webhooks) and TLS to PostgreSQL,
# and nothing else; it runs as user 65532, never as root.
#   docker build --build-arg VERSION=$(git describe --tags --always) -t fwaudit .
# The Go version follows go.mod (docs/deploy/deploy_test.go checks it).

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=devel
ENV CGO_ENABLED=0
RUN go build -trimpath -buildvcs=false \
      -ldflags "-s -w -buildid= -X main.version=${VERSION}" \
      -o /out/fwaudit ./cmd/fwaudit \
 && mkdir -p /out/rootfs/etc/fwaudit/inventory /out/rootfs/etc/fwaudit/baselines \
      /out/rootfs/var/lib/fwaudit /out/rootfs/tmp \
 && chown 65532:65532 /out/rootfs/var/lib/fwaudit \
 && chmod 1777 /out/rootfs/tmp

FROM debian:bookworm-slim AS certs
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*

FROM scratch
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/rootfs/ /
COPY --from=build /out/fwaudit /usr/local/bin/fwaudit
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65532:65532
WORKDIR /var/lib/fwaudit
ENTRYPOINT ["/usr/local/bin/fwaudit"]
CMD ["--help"]
