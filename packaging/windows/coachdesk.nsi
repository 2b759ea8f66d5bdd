; coachdesk's Windows installer: a per-user install that needs no administrator.
; Built by makensis (NSIS 3; Debian's nsis package builds it on Linux), from the PyInstaller
; one-folder app. make windows-test builds it and runs it under Wine; by hand:
;
;   makensis -DVERSION=0.1.0 -DAPPDIR=dist/windows/coachdesk -DICON=coachdesk.ico \
;            -DLICENCE=packaging/LICENCES.txt -DOUTFILE=dist/coachdesk-0.1.0-windows-setup.exe \
;            packaging/windows/coachdesk.nsi
;
; Silent for IT departments:  coachdesk-<version>-windows-setup.exe /S   (optionally /D=<folder>,
; last on the line); silent removal:  uninstall.exe /S  (keeps the data; /REMOVEDATA deletes it).

!ifndef VERSION
  !error "Pass the version: makensis -DVERSION=X.Y.Z (pyproject.toml's)"
!endif
!ifndef APPDIR
  !error "Pass the PyInstaller one-folder app: -DAPPDIR=<folder holding coachdesk.exe>"
!endif
!ifndef ICON
  !error "Pass the icon: -DICON=<coachdesk.ico>"
!endif
!ifndef LICENCE
  !error "Pass the licences: -DLICENCE=packaging/LICENCES.txt"
!endif
!ifndef OUTFILE
  !define OUTFILE "coachdesk-${VERSION}-windows-setup.exe"
!endif

!define APPNAME "coachdesk"
!define APPEXE "coachdesk.exe"
!define CLIEXE "coachdesk-cli.exe"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\coachdesk"
!define PROGID "coachdesk.bundle"

Unicode true
Target amd64-unicode              ; the app is x64; a 64-bit installer writes the 64-bit registry
ManifestDPIAware true
RequestExecutionLevel user        ; never asks for an administrator
SetCompressor /SOLID lzma

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"   ; an upgrade goes where the last one went
BrandingText "${APPNAME} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APPNAME} ${VERSION} setup (per user, no administrator)"
VIAddVersionKey "LegalCopyright" "MIT licence"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APPEXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start coachdesk now"

!insertmacro MUI_PAGE_LICENSE "${LICENCE}"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "coachdesk (required)" SecApp
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program; the data (%LOCALAPPDATA%\coachdesk) is elsewhere.
  RMDir /r "$INSTDIR\_internal"
  File /r "${APPDIR}\*.*"
  File "/oname=LICENCES.txt" "${LICENCE}"
  ; An installed copy keeps its data in the user's folders, never in portable mode.
  Delete "$INSTDIR\portable"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0 \
    SW_SHOWNORMAL "" "The register, rules and reports of your Coaching and Mentoring Hub"

  ; Settings > Apps: this user's uninstall entry (HKCU only).
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "coachdesk"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${APPEXE},0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

; Windows types a file by its last extension only: a .coachdesk.json bundle is a .json file to
; Explorer, and taking every .json file over would be wrong. So coachdesk joins the "Open with"
; list of .json files (right-click a bundle > Open with > coachdesk; "Always" makes it the
; double-click action), for this user only, removed on uninstall.
Section "Open bundles (.coachdesk.json) with coachdesk" SecOpenWith
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "coachdesk bundle"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${APPEXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" \
    '"$INSTDIR\${APPEXE}" --open-bundle "%1"'
  WriteRegStr HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\${APPEXE}" "FriendlyAppName" "coachdesk"
  WriteRegStr HKCU "Software\Classes\Applications\${APPEXE}\SupportedTypes" ".json" ""
  WriteRegStr HKCU "Software\Classes\Applications\${APPEXE}\shell\open\command" "" \
    '"$INSTDIR\${APPEXE}" --open-bundle "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section /o "Desktop shortcut" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${APPEXE}"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "The coachdesk program (your data is kept apart, in your own folders)."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecOpenWith} "Offer coachdesk under Open with for .json files, so a bundle opens in coachdesk."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "A coachdesk shortcut on your desktop."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Var RemoveData

Function un.onInit
  StrCpy $RemoveData 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/REMOVEDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $RemoveData 1
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  ; Only what the installer put there: never a recursive delete of the chosen folder itself.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APPEXE}"
  Delete "$INSTDIR\${CLIEXE}"
  Delete "$INSTDIR\LICENCES.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.json\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.json"
  DeleteRegKey HKCU "Software\Classes\Applications\${APPEXE}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; The data (database, backups, log) stays unless the lead says otherwise; a silent
  ; uninstall keeps it unless /REMOVEDATA is given.
  ${If} $RemoveData == 0
  ${AndIf} ${FileExists} "$LOCALAPPDATA\${APPNAME}\*.*"
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 \
      "Also delete your coachdesk data (the database, its backups and the log) in $LOCALAPPDATA\${APPNAME}?$\r$\n$\r$\nChoose No to keep it: a later install of coachdesk finds it again." \
      /SD IDNO IDNO keep
    StrCpy $RemoveData 1
    keep:
  ${EndIf}
  ${If} $RemoveData == 1
    RMDir /r "$LOCALAPPDATA\${APPNAME}"
    DeleteRegKey HKCU "Software\coachdesk"
  ${EndIf}
SectionEnd
