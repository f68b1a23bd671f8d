// Over 400 lines on purpose: the whole deployment, resource by resource, in one file a reviewer reads top to bottom
// (registry modules cannot be restored here, and splitting it would scatter the role assignments from what they guard).
// Ervaring on Azure: one resource group, written out resource by resource (no registry modules).
//
//   <prefix>d<hash>   DATA storage: the app's tables and containers (names = StorageNames.cs). Keyless,
//                     versioning + soft delete + point-in-time restore, lifecycle rule on 'frames'.
//   <prefix>h<hash>   HOST storage: what the Functions host itself needs (AzureWebJobsStorage: locks,
//                     timer schedule status, host keys) and the Flex Consumption deployment package.
//                     Kept apart so host churn (timer status blobs, leases) never lands in the data
//                     account's versioning, backups or lifecycle rules, and so the broad role the host
//                     needs (Blob Data Owner) never touches survey data.
//   id-<prefix>       the one user-assigned identity the app runs as (storage, telemetry, deployment).
//   plan/func         Flex Consumption (FC1, Linux), runtime 'dotnet-isolated' 10.0 (the .NET isolated worker).
//   log/appi          Log Analytics + workspace-based Application Insights, Entra-only ingestion.
//   ag/alert          e-mail when the NightlyMaintenance invocation fails.

targetScope = 'resourceGroup'

@description('Short lowercase prefix for resource names (letters and digits), e.g. the municipality: "utrecht".')
@minLength(3)
@maxLength(10)
param namePrefix string

@description('The https address families open the survey at, when the municipality puts a custom domain in front (e.g. https://ervaring.gemeente.nl). Empty: the function app\'s own https address. Every personal link in letters and QR codes starts with it.')
param publicBaseUrl string = ''

@description('Azure region. Flex Consumption must be available there; West Europe keeps data in the EU.')
param location string = 'westeurope'

@description('Days after upload that raw frame blobs (container "frames") are deleted by the lifecycle rule, including earlier versions and snapshots.')
@minValue(1)
@maxValue(365)
param frameRetentionDays int = 90

@description('Microsoft Entra tenant (directory) id that signs in policy officers.')
param entraTenantId string

@description('Application (client) id of the Entra app registration for Ervaring (with app roles beheerder and onderzoeker).')
param entraClientId string

@description('E-mail address that receives the alert when the nightly maintenance job fails.')
param alertEmail string

@description('Base64 of 32 random bytes: derives invitation tokens from invitation ids (openssl rand -base64 32). Never reuse across installations.')
@secure()
param tokenKey string

@description('Base64 of 32 random bytes: keys every stored hash of tokens and client references (openssl rand -base64 32).')
@secure()
param hashPepper string

@description('The region\'s own app settings: its municipalities (Ervaring__Municipalities__{id}__Name, DisplayName, Logo, HelpPhone, HelpEmail, HelpHours, PrivacyContact, DataProtectionOfficer, EntraGroups) and the region (Ervaring__Region__Name, CoordinatorGroups, Processor). Written together with the template\'s own settings, so a redeployment keeps them; the template\'s settings win on a name both give. See docs/deploy.md, steps 4b and 6.')
param regionAppSettings object = {}

// ---------------------------------------------------------------------------------------------------
// Names. Must stay equal to functions/Ervaring.Storage/StorageNames.cs (checked by
// tests/Ervaring.Deployment.Tests against StorageNames.Tables.All and StorageNames.Containers.All).
// ---------------------------------------------------------------------------------------------------
var tableNames = [
  'waves'
  'waveevents'
  'invitations'
  'tokenindex'
  'responses'
  'aggregates'
  'optouts'
  'contacthistory'
  'auditlog'
  'reportnotes'
  'quotes'
  'signinsessions'
]

var containerNames = [
  'frames'
  'definitions'
  'exports'
  'reports'
  'audit'
  'keyring'
]

var deploymentContainerName = 'app-package'

var suffix = uniqueString(resourceGroup().id)
var dataStorageName = take('${namePrefix}d${suffix}', 24)
var hostStorageName = take('${namePrefix}h${suffix}', 24)
var functionAppName = 'func-${namePrefix}-${suffix}'

// Built-in role definition ids (Azure RBAC built-in roles).
var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// ---------------------------------------------------------------------------------------------------
// Identity
// ---------------------------------------------------------------------------------------------------
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namePrefix}'
  location: location
}

// ---------------------------------------------------------------------------------------------------
// Data storage: the app's tables and containers
// ---------------------------------------------------------------------------------------------------
resource dataStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: dataStorageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource dataBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: dataStorage
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: 14
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 14
    }
    // Point-in-time restore of block blobs needs versioning, change feed and soft delete,
    // and its window must be shorter than the soft-delete retention.
    changeFeed: {
      enabled: true
      retentionInDays: 30
    }
    restorePolicy: {
      enabled: true
      days: 7
    }
  }
}

resource dataContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in containerNames: {
    parent: dataBlobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource dataTableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: dataStorage
  name: 'default'
}

resource dataTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for name in tableNames: {
    parent: dataTableService
    name: name
  }
]

// Raw frame uploads contain pseudonymous client references: they go after the retention period.
// The app's timer deletes them too; with versioning on, that delete leaves a previous version,
// which the 'version' action below removes, so nothing of a frame outlives the retention period
// (plus the 14 days of blob soft delete).
resource dataLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: dataStorage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-raw-frames'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'frames/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: frameRetentionDays
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: frameRetentionDays
                }
              }
              snapshot: {
                delete: {
                  daysAfterCreationGreaterThan: frameRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    dataContainers
  ]
}

// ---------------------------------------------------------------------------------------------------
// Host storage: AzureWebJobsStorage and the deployment package
// ---------------------------------------------------------------------------------------------------
resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: hostStorageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource hostBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: hostStorage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: hostBlobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// ---------------------------------------------------------------------------------------------------
// Role assignments: the complete list. Data-plane roles only, each scoped to one resource.
// ---------------------------------------------------------------------------------------------------
// 1. Storage Table Data Contributor on DATA storage: the app reads and writes waves, invitations,
//    responses, aggregates... and creates its tables at start-up if missing.
resource roleDataTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataStorage.id, appIdentity.id, roles.storageTableDataContributor)
  scope: dataStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// 2. Storage Blob Data Contributor on DATA storage: frames, definition snapshots, exports, reports
//    (read, write, delete blobs; create its containers at start-up if missing).
resource roleDataBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataStorage.id, appIdentity.id, roles.storageBlobDataContributor)
  scope: dataStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// 3. Storage Blob Data Owner on HOST storage: the Functions docs name this role as the minimum for an
//    identity-based AzureWebJobsStorage with no extensions (host locks and leases, timer schedule
//    status for useMonitor, host keys; it creates its own containers). Timer triggers need no queue
//    or table role. The same identity reads the deployment package from 'app-package' here.
//    Not granted: Storage Table Data Contributor for the host's optional diagnostic events.
resource roleHostBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, appIdentity.id, roles.storageBlobDataOwner)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// 4. Monitoring Metrics Publisher on the Application Insights component: local (key) ingestion is
//    disabled, so the host sends telemetry with this identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
resource roleTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appIdentity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------------
resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${namePrefix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
    // Cost guard: a runaway loop stops ingesting at the cap instead of billing.
    workspaceCapping: {
      dailyQuotaGb: 1
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${namePrefix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
    // Respondents' IP addresses never reach the logs (docs/architecture.md, privacy): ingestion keeps only a masked address.
    DisableIpMasking: false
  }
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${namePrefix}'
  location: 'global'
  properties: {
    groupShortName: take('ervaring', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'beheer'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource nightlyFailedAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-nightly-maintenance-failed'
  location: location
  properties: {
    displayName: 'Ervaring: NightlyMaintenance mislukt'
    description: 'De nachtelijke onderhoudstaak (golven sluiten, koppelingen en ruwe kaders wissen) is mislukt. Zie Application Insights, tabel requests.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    // Hourly over the last two hours: late-arriving telemetry is still seen; the mute stops the
    // overlapping window from mailing the same failure twice.
    evaluationFrequency: 'PT1H'
    windowSize: 'PT2H'
    muteActionsDuration: 'PT3H'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: 'requests | where operation_Name == \'NightlyMaintenance\' and success == false'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Function app on Flex Consumption
// ---------------------------------------------------------------------------------------------------
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${namePrefix}'
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${appIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: appIdentity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
  dependsOn: [
    // The host reads its storage and the package with this identity as soon as it starts.
    roleHostBlobs
    roleDataTables
    roleDataBlobs
    roleTelemetry
    deploymentContainer
  ]
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  // The config resource replaces every app setting at each deployment: the region's settings are part of it, never
  // set by hand beside it. The template's own settings come last, so a region file cannot redirect storage or secrets.
  properties: union(regionAppSettings, {
    // Functions host storage, identity-based: no connection string exists anywhere.
    AzureWebJobsStorage__accountName: hostStorage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: appIdentity.properties.clientId

    // The app (StorageOptions, section Ervaring:Storage): endpoints + managed identity.
    Ervaring__Storage__TableEndpoint: dataStorage.properties.primaryEndpoints.table
    Ervaring__Storage__BlobEndpoint: dataStorage.properties.primaryEndpoints.blob
    Ervaring__Storage__ManagedIdentityClientId: appIdentity.properties.clientId
    Ervaring__Secrets__TokenKey: tokenKey
    Ervaring__Secrets__HashPepper: hashPepper
    // Officers sign in with Entra ID through App Service Authentication; the app reads the forwarded principal.
    Ervaring__EntraSignIn: 'true'
    // The address in front of every personal link (letters, QR codes, reminders): configured, never the request's Host.
    Ervaring__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${functionApp.properties.defaultHostName}' : publicBaseUrl


    // Telemetry, Entra-authenticated (the component has local auth disabled).
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${appIdentity.properties.clientId};Authorization=AAD'
  })
}

// Keep deployment credentials keyless too: no FTP, no basic-auth SCM (the Azure CLI deploys
// to Flex Consumption with an Entra token).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// App Service Authentication with Microsoft Entra ID. Anonymous requests pass (survey and council
// pages are public); the app enforces the roles from X-MS-CLIENT-PRINCIPAL on /beheer and /api.
// No client secret: sign-in uses the ID token only (enable "ID tokens" on the app registration).
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            entraClientId
            'api://${entraClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
  dependsOn: [
    appSettings
  ]
}

// ---------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------
output appUrl string = 'https://${functionApp.properties.defaultHostName}'
output functionAppName string = functionApp.name
output resourceGroupName string = resourceGroup().name
output storageAccountName string = dataStorage.name
output hostStorageAccountName string = hostStorage.name
output deploymentContainerUrl string = '${hostStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
output managedIdentityClientId string = appIdentity.properties.clientId
output applicationInsightsName string = appInsights.name
