# escape=`
FROM mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-ltsc2022 AS build
WORKDIR C:\src
COPY Shop.Api\Shop.Api.csproj Shop.Api\
RUN dotnet restore Shop.Api\Shop.Api.csproj
COPY . .
RUN dotnet publish Shop.Api\Shop.Api.csproj `
      --configuration Release `
      --output C:\app `
      --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022
WORKDIR C:\app
COPY --from=build C:\app .
ENV ASPNETCORE_URLS=http://+:8080
USER ContainerUser
EXPOSE 8080
HEALTHCHECK CMD ["curl.exe", "--fail", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "Shop.Api.dll"]
