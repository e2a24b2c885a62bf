# Builds the Windows installer (MSI) with the JDK's jpackage, on Windows, from the repository root after
# `mvn -DskipTests package`:  powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Needs JDK 17+ (jpackage) and the WiX Toolset 3.x on PATH (jpackage of JDK 17 uses candle/light).
# The service wrapper is WinSW, pinned to v2.12.0 and checked against installer\windows\WinSW-x64.exe.sha256.
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..\..')

$winswUrl = 'https://github.com/winsw/winsw/releases/download/v2.12.0/WinSW-x64.exe'
$expected = ((Get-Content installer\windows\WinSW-x64.exe.sha256 | Where-Object { $_ -notmatch '^#' }) -split '\s+')[0]
if (-not (Test-Path target\group-writeback.jar)) { throw "run 'mvn -DskipTests package' first" }

$winsw = 'target\WinSW-x64.exe'
if (-not (Test-Path $winsw)) { Invoke-WebRequest -UseBasicParsing -Uri $winswUrl -OutFile $winsw }
$actual = (Get-FileHash $winsw -Algorithm SHA256).Hash.ToLowerInvariant()
if ($expected -eq 'UNRECORDED') {
  throw "WinSW-x64.exe has SHA-256 $actual: compare it with the digest on the v2.12.0 release page, then record it in installer\windows\WinSW-x64.exe.sha256"
}
if ($actual -ne $expected.ToLowerInvariant()) {
  Remove-Item $winsw
  throw "WinSW-x64.exe from $winswUrl has SHA-256 $actual, expected $expected: not packaged"
}

Remove-Item -Recurse -Force target\installer-input, target\installer -ErrorAction SilentlyContinue
New-Item -ItemType Directory target\installer-input\javafx, target\installer | Out-Null
Copy-Item target\group-writeback.jar, installer\windows\group-writeback-service.xml target\installer-input\
Copy-Item $winsw target\installer-input\group-writeback-service.exe
Get-ChildItem target\lib\*.jar | ForEach-Object {
  if ($_.Name -match '^javafx-.*-[0-9][^-]*-.+\.jar$') { Copy-Item $_.FullName target\installer-input\javafx\ }
  elseif ($_.Name -notmatch '^javafx-') { Copy-Item $_.FullName target\installer-input\ }
}
jpackage '@installer/jpackage-common.txt' --input target\installer-input --dest target\installer '@installer/windows/jpackage-msi.txt'
if ($LASTEXITCODE -ne 0) { throw "jpackage failed ($LASTEXITCODE)" }
Get-ChildItem target\installer
