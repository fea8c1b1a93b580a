# The standalone sandbox (one executable, no Node inside the image but the one built into it) in a container.
# Build the executable first: npm run setup && npm run build:standalone; then: docker build -t smsc-sandbox .
# Run it on the host's loopback only: docker run --rm -p 127.0.0.1:8400:8400 -v smsc-data:/data smsc-sandbox
# NOT BUILT OR RUN IN THIS REPOSITORY'S CI: its machine has no Docker daemon. What CI builds and checks is the
# executable itself (scripts/check-standalone.mjs); see docs/install.md.
FROM debian:bookworm-slim
# Node's Linux binary needs glibc 2.28+ and libstdc++, which the slim image has
COPY dist/standalone/smsc-sandbox-linux-x64 /usr/local/bin/smsc-sandbox
RUN mkdir /data && chown 65534:65534 /data
USER 65534:65534
VOLUME /data
EXPOSE 8400
# inside the container it must listen on every interface for -p to reach it; publish it on 127.0.0.1 as above
ENTRYPOINT ["smsc-sandbox", "--host", "0.0.0.0", "--port", "8400", "--db", "/data/sandbox.db"]
