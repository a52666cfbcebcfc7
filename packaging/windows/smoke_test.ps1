# Smoke-test the Windows installer as a user meets it: a silent per-user install, the Start-menu entry and the
# uninstaller registration, the installed `sayyes` (demo and check on a fresh data folder, headless), the
# window process staying up, then a silent uninstall that leaves nothing behind.
#
#     powershell -ExecutionPolicy Bypass -File packaging\windows\smoke_test.ps1 [-Setup dist\SayYes-x.y.z-setup.exe]
param([string]$Setup = "")
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
if (-not $Setup) { $Setup = (Get-ChildItem (Join-Path $Root "dist\SayYes-*-setup.exe") | Select-Object -First 1).FullName }
if (-not $Setup -or -not (Test-Path $Setup)) { throw "no installer: build it with packaging\windows\build.ps1" }

$Temp = if ($env:RUNNER_TEMP) { $env:RUNNER_TEMP } else { [System.IO.Path]::GetTempPath() }
$Dir = Join-Path $Temp "SayYesInstall$PID"  # no spaces: /D= takes the rest of the command line as it is
$Data = Join-Path $Temp "SayYesData$PID"
$Shortcut = Join-Path ([Environment]::GetFolderPath("Programs")) "SayYes.lnk"
$Key = "HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\SayYes"

function Assert([bool]$Condition, [string]$Message) { if (-not $Condition) { throw "smoke test: $Message" } }

Write-Host "== silent install of $Setup into $Dir"
$install = Start-Process -FilePath $Setup -ArgumentList "/S", "/D=$Dir" -Wait -PassThru
Assert ($install.ExitCode -eq 0) "the installer exited with $($install.ExitCode)"
foreach ($file in "SayYes.exe", "sayyes.com", "Uninstall.exe", "_internal") {
    Assert (Test-Path (Join-Path $Dir $file)) "$file is not installed"
}
Assert (Test-Path $Shortcut) "no Start-menu entry at $Shortcut"
Assert ((Get-ItemProperty $Key).DisplayVersion -ne $null) "no uninstaller registered under $Key"

Write-Host "== the installed sayyes (headless)"
$env:QT_QPA_PLATFORM = "offscreen"
$sayyes = Join-Path $Dir "sayyes.com"
& $sayyes --help | Out-Null
Assert ($LASTEXITCODE -eq 0) "sayyes --help exited with $LASTEXITCODE"
& $sayyes --data-dir $Data demo
Assert ($LASTEXITCODE -eq 0) "sayyes demo exited with $LASTEXITCODE"
$check = & $sayyes --data-dir $Data check
Assert ($LASTEXITCODE -eq 0 -and ($check -match "ok: integrity")) "sayyes check failed: $check"
Write-Host ($check -join "`n")

Write-Host "== the window (offscreen) stays up for 15 s without a Python error"
$stderr = Join-Path $Temp "sayyes-gui-$PID.err"
$gui = Start-Process -FilePath $sayyes -ArgumentList "--data-dir", $Data -PassThru -NoNewWindow -RedirectStandardError $stderr
Start-Sleep -Seconds 15
Assert (-not $gui.HasExited) "the app exited early with $($gui.ExitCode): $(Get-Content $stderr -Raw)"
Stop-Process -Id $gui.Id -Force
$gui.WaitForExit()
$errors = if (Test-Path $stderr) { Get-Content $stderr -Raw } else { "" }
Assert (-not ($errors -match "Traceback")) "a Python traceback: $errors"
Remove-Item Env:QT_QPA_PLATFORM

Write-Host "== silent uninstall"
Start-Process -FilePath (Join-Path $Dir "Uninstall.exe") -ArgumentList "/S" -Wait | Out-Null
for ($i = 0; $i -lt 60 -and (Test-Path (Join-Path $Dir "SayYes.exe")); $i++) { Start-Sleep -Seconds 1 }  # it reruns from %TEMP%
Assert (-not (Test-Path (Join-Path $Dir "SayYes.exe"))) "SayYes.exe is left after uninstalling"
Assert (-not (Test-Path $Shortcut)) "the Start-menu entry is left after uninstalling"
Assert (-not (Test-Path $Key)) "the uninstaller registration is left after uninstalling"
Assert (Test-Path (Join-Path $Data "sayyes.sqlite3")) "uninstalling must not touch the user's data"
Remove-Item -Recurse -Force $Data
Write-Host "passed"
