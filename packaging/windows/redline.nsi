; Redline installer for Windows (NSIS 3).
;   makensis -DVERSION=0.1.0 -DEXE=..\..\target\release\redline.exe packaging\windows\redline.nsi
; Installs redline.exe for all users, adds a Start menu entry and an uninstaller, and offers
; Redline in "Open with" for the article formats it reads (without taking over their default
; program).
; Redline is a 64-bit program: so is its installer, which also lets it run under a 64-bit-only
; Wine (packaging/windows/check-wine.sh).
Target amd64-unicode
!include "MUI2.nsh"

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef EXE
  !define EXE "..\..\target\release\redline.exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "redline-${VERSION}-setup.exe"
!endif

Name "Redline"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Redline"
InstallDirRegKey HKLM "Software\Redline" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Redline"
VIAddVersionKey "FileDescription" "Redline installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "© 2026 The Redline developers"

!define MUI_ICON "..\..\assets\icons\redline.ico"
!define MUI_UNICON "..\..\assets\icons\redline.ico"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

!define PROGID "Redline.Article"
!define UNINST "Software\Microsoft\Windows\CurrentVersion\Uninstall\Redline"

!macro OpenWith EXT
  WriteRegStr HKLM "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKLM "Software\Classes\Applications\redline.exe\SupportedTypes" "${EXT}" ""
!macroend
!macro UnOpenWith EXT
  DeleteRegValue HKLM "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
!macroend

Section "Redline"
  ; The Start menu entry is for every user, as the program is.
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "/oname=redline.exe" "${EXE}"
  File "..\..\README.md"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\Redline.lnk" "$INSTDIR\redline.exe"
  WriteRegStr HKLM "Software\Redline" "InstallDir" "$INSTDIR"

  ; File associations: a ProgID, offered in "Open with" for each supported type.
  WriteRegStr HKLM "Software\Classes\${PROGID}" "" "Article (Redline)"
  WriteRegStr HKLM "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\redline.exe,0"
  WriteRegStr HKLM "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\redline.exe" "%1"'
  WriteRegStr HKLM "Software\Classes\Applications\redline.exe\shell\open\command" "" '"$INSTDIR\redline.exe" "%1"'
  WriteRegStr HKLM "Software\Classes\Applications\redline.exe" "FriendlyAppName" "Redline"
  !insertmacro OpenWith ".txt"
  !insertmacro OpenWith ".md"
  !insertmacro OpenWith ".markdown"
  !insertmacro OpenWith ".html"
  !insertmacro OpenWith ".htm"
  !insertmacro OpenWith ".docx"
  !insertmacro OpenWith ".odt"

  ; Add/Remove Programs.
  WriteRegStr HKLM "${UNINST}" "DisplayName" "Redline"
  WriteRegStr HKLM "${UNINST}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST}" "Publisher" "The Redline developers"
  WriteRegStr HKLM "${UNINST}" "DisplayIcon" "$INSTDIR\redline.exe,0"
  WriteRegStr HKLM "${UNINST}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINST}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  !insertmacro UnOpenWith ".txt"
  !insertmacro UnOpenWith ".md"
  !insertmacro UnOpenWith ".markdown"
  !insertmacro UnOpenWith ".html"
  !insertmacro UnOpenWith ".htm"
  !insertmacro UnOpenWith ".docx"
  !insertmacro UnOpenWith ".odt"
  DeleteRegKey HKLM "Software\Classes\${PROGID}"
  DeleteRegKey HKLM "Software\Classes\Applications\redline.exe"
  DeleteRegKey HKLM "${UNINST}"
  DeleteRegKey HKLM "Software\Redline"
  Delete "$SMPROGRAMS\Redline.lnk"
  Delete "$INSTDIR\redline.exe"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd
