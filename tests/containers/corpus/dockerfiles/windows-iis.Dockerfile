# escape=`

# IIS site on Windows Server Core; PowerShell is the shell.
FROM mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022

SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]

RUN Remove-Website -Name 'Default Web Site'; `
    New-Item -Path C:\inetpub\shop -ItemType Directory | Out-Null; `
    New-Website -Name 'shop' -Port 80 -PhysicalPath C:\inetpub\shop

RUN Get-ChildItem -Path C:\inetpub\wwwroot -Recurse | Remove-Item -Force -Recurse

WORKDIR C:\inetpub\shop
COPY site/ .
EXPOSE 80
