# LeadMarket: multi-stage build. The SDK stage publishes with the same command the README documents.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/LeadMarket.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .

# The SQLite file and the data protection keys live here; mount a volume to keep them.
ENV Market__DataDirectory=/data \
    ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
EXPOSE 8080

# The base image's non-root user.
USER $APP_UID
# Orchestrators probe /health/live and /health/ready (the runtime image has no curl for a HEALTHCHECK).
ENTRYPOINT ["dotnet", "LeadMarket.Web.dll"]
