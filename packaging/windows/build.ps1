# Build SayYes for Windows: the PyInstaller folder, a headless smoke test of it, then the NSIS installer
# dist\SayYes-<version>-setup.exe.
#
#     powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-Python C:\path\to\python.exe]
#
# Needs: Python 3.11+ with SayYes and its `package` extra installed (pip install -e ".[package]"), and NSIS 3
# (makensis on PATH, or in Program Files). Signing is optional: with WINDOWS_CERTIFICATE_FILE (a .pfx) and
# WINDOWS_CERTIFICATE_PASSWORD set, and signtool on PATH, the executables and the installer are signed.
param(
    [string]$Python = "python",
    [switch]$SkipSmokeTest
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

function Invoke-Checked {  # a plain function: "-m", "--help" stay in $args rather than bind as parameters
    $exe = $args[0]
    $rest = @($args | Select-Object -Skip 1)
    & $exe @rest
    if ($LASTEXITCODE -ne 0) { throw "$exe $($rest -join ' ') exited with $LASTEXITCODE" }
}

function Find-MakeNsis {
    $command = Get-Command makensis -ErrorAction SilentlyContinue
    if ($command) { return $command.Source }
    foreach ($base in @(${env:ProgramFiles(x86)}, $env:ProgramFiles)) {
        if ($base -and (Test-Path "$base\NSIS\makensis.exe")) { return "$base\NSIS\makensis.exe" }
    }
    throw "makensis not found: install NSIS 3 (https://nsis.sourceforge.io, or 'choco install nsis')"
}

function Invoke-Sign([string[]]$Files) {
    if (-not $env:WINDOWS_CERTIFICATE_FILE -or -not $env:WINDOWS_CERTIFICATE_PASSWORD) { return }
    Write-Host "== signing $($Files -join ', ')"
    Invoke-Checked signtool sign /f $env:WINDOWS_CERTIFICATE_FILE /p $env:WINDOWS_CERTIFICATE_PASSWORD `
        /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 @Files
}

$Version = (& $Python packaging/project_info.py version).Trim()
if ($LASTEXITCODE -ne 0) { throw "packaging/project_info.py failed" }
$Parts = @($Version -split '[^0-9]+' | Where-Object { $_ -ne "" }) + @("0", "0", "0", "0")
$Version4 = ($Parts[0..3]) -join "."
$App = Join-Path $Root "build\dist\SayYes"
$Dist = Join-Path $Root "dist"
$Setup = Join-Path $Dist "SayYes-$Version-setup.exe"

Write-Host "== icons"
Invoke-Checked $Python tools/make_icons.py --out build/icons

Write-Host "== PyInstaller: $App"
Invoke-Checked $Python -m PyInstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/pyinstaller packaging/sayyes.spec
# Windows cannot hold SayYes.exe and sayyes.exe in one folder (names ignore case): the console twin is
# sayyes.com, which cmd and PowerShell run before an .exe of the same name, so `sayyes check` prints.
Move-Item -Force (Join-Path $App "sayyes-console.exe") (Join-Path $App "sayyes.com")
Invoke-Checked $Python packaging/check_bundle.py $App
Invoke-Sign @((Join-Path $App "SayYes.exe"), (Join-Path $App "sayyes.com"))

if (-not $SkipSmokeTest) {
    Write-Host "== smoke test of the frozen app (headless)"
    $Data = Join-Path ([System.IO.Path]::GetTempPath()) "sayyes-smoke-$PID"
    $env:QT_QPA_PLATFORM = "offscreen"
    try {
        Invoke-Checked (Join-Path $App "sayyes.com") --help
        Invoke-Checked (Join-Path $App "sayyes.com") --data-dir $Data demo
        $check = & (Join-Path $App "sayyes.com") --data-dir $Data check
        if ($LASTEXITCODE -ne 0 -or -not ($check -match "ok: integrity")) { throw "sayyes check failed: $check" }
        Write-Host ($check -join "`n")
    } finally {
        Remove-Item Env:QT_QPA_PLATFORM
        Remove-Item -Recurse -Force $Data -ErrorAction SilentlyContinue
    }
}

Write-Host "== NSIS: $Setup"
New-Item -ItemType Directory -Force $Dist | Out-Null
$MakeNsis = Find-MakeNsis
Invoke-Checked $MakeNsis /V2 "/DVERSION=$Version" "/DVERSION4=$Version4" "/DAPPDIR=$App" `
    "/DICON=$(Join-Path $Root 'build\icons\sayyes.ico')" "/DOUTFILE=$Setup" (Join-Path $Root "packaging\windows\sayyes.nsi")
Invoke-Sign @($Setup)
Write-Host ("{0} ({1:N1} MB)" -f $Setup, ((Get-Item $Setup).Length / 1MB))
