; Inno Setup script: a per-user install of coachdesk on Windows that needs no administrator.
; Needs Inno Setup 6.3 or later. Build the app first (pyinstaller --noconfirm packaging\coachdesk.spec, from the repository
; root), then:  iscc /DAppVersion=0.1.0 packaging\windows\coachdesk.iss
; The installer lands in dist\coachdesk-<version>-windows-setup.exe. See packaging\README.md.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (python -c "from importlib.metadata import version; print(version('coachdesk'))")
#endif

#define AppName "coachdesk"
#define AppExe "coachdesk.exe"
#define Root "..\.."

[Setup]
; A fixed id: an upgrade replaces the installed copy instead of installing a second one.
AppId={{6F4C2E1A-8B3D-4C55-9A7E-2D1F0C3B4A96}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=coachdesk
VersionInfoVersion={#AppVersion}
; Per-user: installs into %LOCALAPPDATA%\Programs\coachdesk, writes only HKCU. No UAC prompt.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir={#Root}\dist
OutputBaseFilename=coachdesk-{#AppVersion}-windows-setup
SetupIconFile={#Root}\build\pyinstaller\icons\coachdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
LicenseFile={#Root}\packaging\LICENCES.txt

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Create a &desktop shortcut"; GroupDescription: "Shortcuts:"; Flags: unchecked
Name: "association"; Description: "Offer coachdesk under Open with for &bundles (.coachdesk.json)"; GroupDescription: "Files:"

[Files]
; The whole PyInstaller one-folder build (coachdesk.exe, coachdesk-cli.exe and _internal\).
Source: "{#Root}\dist\coachdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Root}\packaging\LICENCES.txt"; DestDir: "{app}"; Flags: ignoreversion

[InstallDelete]
; An installed copy keeps its data in the user's folders, never in portable mode.
Type: files; Name: "{app}\portable"

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "The register, rules and reports of your Coaching and Mentoring Hub"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Windows types a file by its last extension only: a .coachdesk.json bundle is a .json file to
; Explorer, and taking every .json file over would be wrong. So coachdesk is added to the
; "Open with" list of .json files (right-click a bundle > Open with > coachdesk; tick "Always"
; to make it the double-click action for JSON). For this user only (HKCU), removed on uninstall.
Root: HKCU; Subkey: "Software\Classes\coachdesk.bundle"; ValueType: string; ValueName: ""; ValueData: "coachdesk bundle"; Flags: uninsdeletekey; Tasks: association
Root: HKCU; Subkey: "Software\Classes\coachdesk.bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: association
Root: HKCU; Subkey: "Software\Classes\coachdesk.bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --open-bundle ""%1"""; Tasks: association
Root: HKCU; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "coachdesk.bundle"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey; Tasks: association
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""; Tasks: association
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --open-bundle ""%1"""; Tasks: association

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start coachdesk now"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the app may have written inside its own folder (a portable marker's data is NOT here:
; see the question below). Python's caches are never left behind.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
{ The data folder (%LOCALAPPDATA%\coachdesk: database, backups) and the log stay unless the
  lead asks: the uninstaller asks once, defaulting to keep. A silent uninstall keeps them. }
function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\coachdesk');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir()) and not UninstallSilent() then
  begin
    if MsgBox('Also delete your coachdesk data (the database, its backups and the log) in ' +
              DataDir() + '?' + #13#10#13#10 +
              'Choose No to keep it: a later install of coachdesk finds it again.',
              mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
    begin
      DelTree(DataDir(), True, True, True);
      RegDeleteKeyIncludingSubkeys(HKCU, 'Software\coachdesk');
    end;
  end;
end;
