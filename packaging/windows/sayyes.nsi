; SayYes for Windows: a per-user installer (no administrator rights), a Start-menu entry, an uninstaller listed
; in Settings > Apps, and (optionally) the `sayyes` command line on the user's PATH.
;
; packaging/windows/build.ps1 compiles it against the PyInstaller folder:
;   makensis /DVERSION=0.1.0 /DAPPDIR=build\dist\SayYes /DICON=build\icons\sayyes.ico ^
;            /DOUTFILE=dist\SayYes-0.1.0-setup.exe packaging\windows\sayyes.nsi
; APPDIR holds SayYes.exe (windowed), sayyes.com (the console twin: `sayyes demo` in a terminal prints) and
; _internal\. /DFAST stores files uncompressed (only to check that the script compiles).
; The user's data (%APPDATA%\SayYes) is never touched by installing, updating or uninstalling.

Unicode true

!ifndef VERSION
  !error "pass /DVERSION=<the version in pyproject.toml>"
!endif
!ifndef APPDIR
  !error "pass /DAPPDIR=<the PyInstaller folder with SayYes.exe, sayyes.com and _internal>"
!endif
!ifndef OUTFILE
  !define OUTFILE "SayYes-${VERSION}-setup.exe"
!endif
!ifdef FAST
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

!define APP "SayYes"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define ENV_KEY "Environment"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WordFunc.nsh"
!include "WinMessages.nsh"
!include "FileFunc.nsh"

Name "${APP}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

!ifdef VERSION4  ; x.y.z.w, for the installer's file properties
  VIProductVersion "${VERSION4}"
  VIAddVersionKey "ProductName" "${APP}"
  VIAddVersionKey "ProductVersion" "${VERSION}"
  VIAddVersionKey "FileVersion" "${VERSION}"
  VIAddVersionKey "FileDescription" "${APP} ${VERSION} setup"
  VIAddVersionKey "LegalCopyright" ""
!endif

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\SayYes.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; Sets $R9 to 1 when HKCU\Environment has a value named Path (whatever its length), else 0. ReadRegStr gives ""
; both for a missing value and for one longer than NSIS_MAX_STRLEN: only the first may be written over.
Function PathExists
  StrCpy $R9 0
  StrCpy $R8 0
  ${Do}
    ClearErrors
    EnumRegValue $R7 HKCU "${ENV_KEY}" $R8
    ${If} ${Errors}
    ${OrIf} $R7 == ""
      ${Break}
    ${EndIf}
    ${If} $R7 == "Path"  ; StrCmp ignores case
      StrCpy $R9 1
      ${Break}
    ${EndIf}
    IntOp $R8 $R8 + 1
  ${Loop}
FunctionEnd

Section "${APP}" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  RMDir /r "$INSTDIR\_internal"  ; an update leaves none of the old version's libraries behind
  File /r "${APPDIR}\*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\SayYes.exe" "" "$INSTDIR\SayYes.exe" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\SayYes.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Add the sayyes command to PATH" SecPath
  Call PathExists
  ClearErrors
  ReadRegStr $0 HKCU "${ENV_KEY}" "Path"
  StrLen $1 $0
  StrLen $2 "$INSTDIR"
  IntOp $1 $1 + $2
  IntOp $1 $1 + 2
  ${If} $R9 == 1
  ${AndIf} $0 == ""
    DetailPrint "Your PATH is too long to change here: add $INSTDIR to it for the sayyes command."
  ${ElseIf} $1 >= ${NSIS_MAX_STRLEN}
    DetailPrint "Your PATH is too long to change here: add $INSTDIR to it for the sayyes command."
  ${Else}
    ${WordAdd} "$0" ";" "+$INSTDIR" $3
    WriteRegExpandStr HKCU "${ENV_KEY}" "Path" "$3"
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "AddedToPath" 1
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\SayYes.exe"
  Delete "$INSTDIR\sayyes.com"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: never a folder the user put other files in

  ClearErrors
  ReadRegDWORD $0 HKCU "${UNINSTALL_KEY}" "AddedToPath"
  ${IfNot} ${Errors}
  ${AndIf} $0 = 1
    ReadRegStr $1 HKCU "${ENV_KEY}" "Path"
    ${If} $1 != ""  ; "" also when it is too long to read: then it stays as it is
      ${un.WordAdd} "$1" ";" "-$INSTDIR" $2
      WriteRegExpandStr HKCU "${ENV_KEY}" "Path" "$2"
      SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    ${EndIf}
  ${EndIf}
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
