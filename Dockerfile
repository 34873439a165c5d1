# syntax=docker/dockerfile:1
# Image of one shopflow service, built from source; SERVICE names the service's module, PORT its HTTP port. The build
# context is the repository root, because the service is built with the reactor modules it depends on (schemas,
# messaging, web-support):
#   docker build --build-arg SERVICE=order-service --build-arg PORT=8081 -t shopflow/order-service:local .
# docker-compose.yml does this for each of the four services for `docker compose up --build`.
ARG SERVICE
ARG PORT

FROM maven:3.9-eclipse-temurin-21 AS build
ARG SERVICE
ARG PORT
RUN test -n "${SERVICE}" && test -n "${PORT}" \
 || { echo "build with --build-arg SERVICE=<module> --build-arg PORT=<port> (see docker-compose.yml)" >&2; exit 1; }
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds, so a rebuild after a code change downloads nothing.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl "${SERVICE}" -am package -DskipTests
# Spring Boot's layered extraction: dependencies change rarely, our own code often, so each gets its own image layer.
RUN set -eu; \
    jar="${SERVICE}/target/${SERVICE}.jar"; \
    if [ ! -f "$jar" ]; then \
      jar=$(find "${SERVICE}/target" -maxdepth 1 -name '*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' ! -name '*-tests.jar' ! -name '*-plain.jar'); \
      [ -n "$jar" ] && [ "$(printf '%s\n' "$jar" | wc -l)" -eq 1 ] || { echo "expected exactly one jar in ${SERVICE}/target, found: $jar" >&2; exit 1; }; \
    fi; \
    mkdir /layers && cp "$jar" /layers/application.jar; \
    cd /layers && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:21-jre
ARG SERVICE
ARG PORT
LABEL org.opencontainers.image.title="shopflow ${SERVICE}"
RUN groupadd --system --gid 10001 shopflow \
 && useradd --system --uid 10001 --gid shopflow --home-dir /app --no-create-home --shell /usr/sbin/nologin shopflow
WORKDIR /app
COPY --from=build --chown=10001:10001 /layers/extracted/dependencies/ ./
COPY --from=build --chown=10001:10001 /layers/extracted/spring-boot-loader/ ./
COPY --from=build --chown=10001:10001 /layers/extracted/snapshot-dependencies/ ./
COPY --from=build --chown=10001:10001 /layers/extracted/application/ ./
USER 10001:10001
# Heap follows the container's memory limit (60 %, leaving room for metaspace, threads and buffers); an
# OutOfMemoryError ends the JVM so the container restarts instead of limping on.
ENV SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError"
EXPOSE ${PORT}
# No curl in the image: bash's /dev/tcp is enough for a status-line check of the actuator health endpoint. The
# actuator answers on MANAGEMENT_SERVER_PORT where one is set (9080 in compose and Kubernetes), else on SERVER_PORT.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=12 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-$SERVER_PORT} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 200'* ]]"]
ENTRYPOINT ["java", "-jar", "/app/application.jar"]
