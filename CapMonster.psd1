@{
    RootModule             = 'CapMonster.dll'
    # The one place the version is set: build.ps1 passes it to the assembly and the package.
    ModuleVersion          = '0.1.0'
    GUID                   = 'd647c0dd-c73f-4f06-ac06-9b224670adec'
    Author                 = 'CapMonster PowerShell module authors'
    CompanyName            = 'CapMonster PowerShell module authors'
    Copyright              = '(c) 2026 CapMonster PowerShell module authors. MIT License.'
    Description            = 'Solve captchas with the CapMonster Cloud API from PowerShell: every task type, many tasks waited at once, typed bilingual (English/Russian) errors with recommended actions, -WhatIf before spending money, and a local emulator for CI.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('CapMonster.Format.ps1xml')
    # One comma-separated list: a list of one value per line is a script PowerShell runs at every import (about
    # 4 ms here); a comma-separated one is a constant it reads.
    CmdletsToExport        = @(
        'Connect-CapMonster',
        'Disconnect-CapMonster',
        'Get-CapMonsterBalance',
        'Get-CapMonsterConnection',
        'Get-CapMonsterTaskResult',
        'Get-CapMonsterUserAgent',
        'Invoke-CapMonsterTask',
        'New-CapMonsterTask',
        'Resolve-CapMonsterError',
        'Send-CapMonsterReport',
        'Wait-CapMonsterTask'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('CapMonster', 'captcha', 'recaptcha', 'hcaptcha', 'turnstile', 'anticaptcha', 'automation',
                'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/capmonster-powershell/CapMonster/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/capmonster-powershell/CapMonster'
            ReleaseNotes = 'https://github.com/capmonster-powershell/CapMonster/blob/main/CHANGELOG.md'
        }
    }
}
