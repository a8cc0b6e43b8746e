# Build stage: the same Maven build as on a developer machine; tests run in CI, not in the image build.
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so a source-only change reuses this layer.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY schemas schemas
COPY src src
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17.0.17_10-jre
# curl for the compose healthcheck on /health/live.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# A fixed numeric user, so Kubernetes can check runAsNonRoot (deploy/kubernetes runs it as 10001).
RUN groupadd --system --gid 10001 healthstream \
    && useradd --system --uid 10001 --gid healthstream --home-dir /app healthstream
WORKDIR /app
COPY --from=build /build/target/healthstream.jar /app/healthstream.jar
USER 10001
EXPOSE 8080
ENTRYPOINT ["java","-jar","/app/healthstream.jar"]
