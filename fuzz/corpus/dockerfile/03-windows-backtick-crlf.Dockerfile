# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
COPY app\ C:\app\
RUN New-Item -ItemType Directory C:\data `
    ; Write-Host done
WORKDIR C:\app
CMD ["C:\\app\\server.exe"]
