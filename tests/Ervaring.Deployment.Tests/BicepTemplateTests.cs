using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ervaring.Deployment.Tests.Infrastructure;
using Ervaring.Storage;

namespace Ervaring.Deployment.Tests;

/// <summary>
/// bicep/main.bicep, compiled offline with the bicep CLI from NuGet. The compiled ARM JSON is what Azure
/// receives, so the security and wiring rules are checked there.
/// </summary>
public sealed partial class BicepTemplateTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string RoleAssignments = "Microsoft.Authorization/roleAssignments";
    private const string Sites = "Microsoft.Web/sites";
    private const string SiteConfig = "Microsoft.Web/sites/config";

    private static class RoleIds
    {
        public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
        public const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
        public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
        public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

        // Broad roles that must never appear.
        public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
        public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
        public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
        public const string RoleBasedAccessControlAdministrator = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";
        public const string StorageAccountContributor = "17d1049b-9a84-46fb-8f53-869881c3d3ab";
    }

    // ----- the compiler is happy ------------------------------------------------------------------

    [Fact]
    public void Template_and_parameter_file_build_and_lint_without_any_warning()
    {
        foreach (var (what, result) in new[]
                 {
                     ("bicep build main.bicep", compiled.Build),
                     ("bicep build-params main.bicepparam", compiled.BuildParams),
                     ("bicep lint main.bicep", compiled.LintTemplate),
                     ("bicep lint main.bicepparam", compiled.LintParams),
                 })
        {
            Assert.True(result.ExitCode == 0, result.Describe(what));
            Assert.True(Bicep.Diagnostics(result).Count == 0, result.Describe(what));
        }
    }

    [Fact]
    public void Linter_configuration_raises_rules_to_errors_and_keeps_network_rules_off()
    {
        var config = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("bicep", "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();
        Assert.Equal("error", (string?)rules["no-unused-params"]!["level"]);
        Assert.Equal("error", (string?)rules["no-hardcoded-env-urls"]!["level"]);
        Assert.Equal("error", (string?)rules["outputs-should-not-contain-secrets"]!["level"]);
        // Needs the public module registry: off, so linting works offline.
        Assert.Equal("off", (string?)rules["use-recent-module-versions"]!["level"]);
    }

    [Fact]
    public void Parameters_are_the_documented_set_and_the_example_file_fills_every_required_one()
    {
        var parameters = compiled.Template["parameters"]!.AsObject();
        Assert.Equal(
            new[] { "alertEmail", "entraClientId", "entraTenantId", "frameRetentionDays", "hashPepper", "location", "namePrefix", "publicBaseUrl", "regionAppSettings", "tokenKey" },
            parameters.Select(p => p.Key).Order());
        Assert.Equal("westeurope", (string?)parameters["location"]!["defaultValue"]);
        // The server secrets never appear in deployment history or logs.
        Assert.Equal("securestring", (string?)parameters["tokenKey"]!["type"]);
        Assert.Equal("securestring", (string?)parameters["hashPepper"]!["type"]);

        var given = compiled.Parameters["parameters"]!.AsObject();
        foreach (var (name, definition) in parameters)
            if (definition!["defaultValue"] is null)
                Assert.True(given.ContainsKey(name), $"main.bicepparam does not set required parameter {name}");
    }

    // ----- storage --------------------------------------------------------------------------------

    [Fact]
    public void Every_storage_account_is_https_only_tls12_private_and_keyless()
    {
        var accounts = compiled.OfType(StorageAccounts);
        Assert.Equal(2, accounts.Count); // data + host
        foreach (var account in accounts)
        {
            var p = account["properties"]!;
            var name = (string?)account["name"];
            Assert.True(p["supportsHttpsTrafficOnly"]?.GetValue<bool>() == true, $"{name}: supportsHttpsTrafficOnly");
            Assert.True((string?)p["minimumTlsVersion"] == "TLS1_2", $"{name}: minimumTlsVersion");
            Assert.True(p["allowBlobPublicAccess"]?.GetValue<bool>() == false, $"{name}: allowBlobPublicAccess");
            Assert.True(p["allowSharedKeyAccess"]?.GetValue<bool>() == false, $"{name}: allowSharedKeyAccess must be false (managed identity only)");
        }
    }

    [Fact]
    public void Data_blobs_have_versioning_soft_delete_and_point_in_time_restore()
    {
        var blobService = compiled.Single("Microsoft.Storage/storageAccounts/blobServices", "dataStorageName");
        var p = blobService["properties"]!;
        Assert.True(p["isVersioningEnabled"]?.GetValue<bool>() == true, "blob versioning");
        Assert.True(p["deleteRetentionPolicy"]?["enabled"]?.GetValue<bool>() == true, "blob soft delete");
        var softDeleteDays = p["deleteRetentionPolicy"]!["days"]!.GetValue<int>();
        Assert.InRange(softDeleteDays, 7, 365);
        Assert.True(p["containerDeleteRetentionPolicy"]?["enabled"]?.GetValue<bool>() == true, "container soft delete");
        Assert.True(p["changeFeed"]?["enabled"]?.GetValue<bool>() == true, "change feed (point-in-time restore)");
        Assert.True(p["restorePolicy"]?["enabled"]?.GetValue<bool>() == true, "point-in-time restore");
        Assert.True(p["restorePolicy"]!["days"]!.GetValue<int>() < softDeleteDays, "restore window must be shorter than soft delete");
    }

    [Fact]
    public void Lifecycle_rule_deletes_raw_frames_and_their_versions_after_the_retention_parameter()
    {
        Assert.Contains("frames", StorageNames.Containers.All);
        var policy = compiled.Single("Microsoft.Storage/storageAccounts/managementPolicies", "dataStorageName");
        Assert.Equal("default", ((string)policy["name"]!).Split(',').Last().Trim(' ', '\'', ')', ']'));
        var rules = policy["properties"]!["policy"]!["rules"]!.AsArray();
        var rule = Assert.Single(rules, r => r!["definition"]!["filters"]!["prefixMatch"]!.AsArray().Any(m => (string?)m == "frames/"))!;
        Assert.True(rule["enabled"]?.GetValue<bool>() == true);
        Assert.Equal("Lifecycle", (string?)rule["type"]);
        var prefixes = rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(m => (string?)m).ToList();
        Assert.Equal(["frames/"], prefixes); // nothing else is swept by this rule
        var actions = rule["definition"]!["actions"]!;
        const string retention = "[parameters('frameRetentionDays')]";
        Assert.Equal(retention, (string?)actions["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]);
        Assert.Equal(retention, (string?)actions["version"]!["delete"]!["daysAfterCreationGreaterThan"]);
        Assert.Equal(retention, (string?)actions["snapshot"]!["delete"]!["daysAfterCreationGreaterThan"]);
    }

    [Fact]
    public void Tables_in_the_template_are_exactly_StorageNames_Tables()
    {
        Assert.Equal(StorageNames.Tables.All.Order(), compiled.StringArrayVariable("tableNames").Order());
        var tables = Assert.Single(compiled.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.Equal("[length(variables('tableNames'))]", (string?)tables["copy"]!["count"]);
        Assert.Contains("variables('tableNames')[copyIndex()]", (string)tables["name"]!);
    }

    [Fact]
    public void Data_containers_in_the_template_are_exactly_StorageNames_Containers_and_private()
    {
        Assert.Equal(StorageNames.Containers.All.Order(), compiled.StringArrayVariable("containerNames").Order());
        var containers = compiled.OfType("Microsoft.Storage/storageAccounts/blobServices/containers");
        var data = Assert.Single(containers, c => c["copy"] is not null);
        Assert.Equal("[length(variables('containerNames'))]", (string?)data["copy"]!["count"]);
        Assert.Contains("variables('containerNames')[copyIndex()]", (string)data["name"]!);
        Assert.Contains("dataStorageName", (string)data["name"]!);
        foreach (var container in containers)
            Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
    }

    // ----- identity and roles ---------------------------------------------------------------------

    [Fact]
    public void Role_assignments_are_exactly_the_listed_data_plane_roles_each_scoped_to_one_resource()
    {
        var assignments = compiled.OfType(RoleAssignments).Select(a =>
        {
            var scope = (string?)a["scope"];
            Assert.False(string.IsNullOrEmpty(scope), "a role assignment without scope would apply to the whole resource group");
            var principal = (string)a["properties"]!["principalId"]!;
            Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", principal);
            Assert.Equal("ServicePrincipal", (string?)a["properties"]!["principalType"]);
            return (Role: ResolveRoleId((string)a["properties"]!["roleDefinitionId"]!), Scope: DescribeScope(scope!));
        }).OrderBy(a => a.Role).ThenBy(a => a.Scope).ToList();

        var expected = new[]
        {
            (Role: RoleIds.StorageTableDataContributor, Scope: "data storage"),
            (Role: RoleIds.StorageBlobDataContributor, Scope: "data storage"),
            (Role: RoleIds.StorageBlobDataOwner, Scope: "host storage"),
            (Role: RoleIds.MonitoringMetricsPublisher, Scope: "application insights"),
        }.OrderBy(a => a.Role).ThenBy(a => a.Scope).ToList();
        Assert.Equal(expected, assignments);

        foreach (var broad in new[] { RoleIds.Owner, RoleIds.Contributor, RoleIds.UserAccessAdministrator, RoleIds.RoleBasedAccessControlAdministrator, RoleIds.StorageAccountContributor })
            Assert.DoesNotContain(broad, compiled.TemplateText);
    }

    private string ResolveRoleId(string expression)
    {
        var variable = RolesVariable().Match(expression);
        var id = variable.Success
            ? (string?)compiled.Variable("roles")[variable.Groups[1].Value]
            : Guid().Match(expression) is { Success: true } literal ? literal.Value : null;
        Assert.False(id is null, $"cannot resolve role definition in {expression}");
        Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions'", expression);
        return id!;
    }

    private static string DescribeScope(string scope) => scope switch
    {
        _ when scope.Contains("'Microsoft.Storage/storageAccounts'") && scope.Contains("variables('dataStorageName')") => "data storage",
        _ when scope.Contains("'Microsoft.Storage/storageAccounts'") && scope.Contains("variables('hostStorageName')") => "host storage",
        _ when scope.Contains("'Microsoft.Insights/components'") => "application insights",
        _ => "unexpected scope " + scope,
    };

    [GeneratedRegex(@"variables\('roles'\)\.(\w+)")]
    private static partial Regex RolesVariable();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    // ----- the function app -----------------------------------------------------------------------

    [Fact]
    public void Function_app_is_https_only_on_flex_consumption_with_the_dotnet_isolated_10_runtime()
    {
        var plan = Assert.Single(compiled.OfType("Microsoft.Web/serverfarms"));
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>(), "Linux plan");

        var site = Assert.Single(compiled.OfType(Sites));
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        var p = site["properties"]!;
        Assert.True(p["httpsOnly"]?.GetValue<bool>() == true, "httpsOnly");
        Assert.Equal("1.2", (string?)p["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("dotnet-isolated", (string?)p["functionAppConfig"]!["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)p["functionAppConfig"]!["runtime"]!["version"]);

        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        var storage = p["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", (string)storage["authentication"]!["userAssignedIdentityResourceId"]!);
    }

    [Fact]
    public void App_settings_reach_storage_by_endpoint_and_identity_and_hold_no_key()
    {
        var settings = AppSettings();
        foreach (var name in new[]
                 {
                     "Ervaring__Storage__TableEndpoint", "Ervaring__Storage__BlobEndpoint", "Ervaring__Storage__ManagedIdentityClientId",
                     "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
                     "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
                     "Ervaring__Secrets__TokenKey", "Ervaring__Secrets__HashPepper", "Ervaring__EntraSignIn",
                 })
            Assert.True(settings.ContainsKey(name), $"app setting {name} missing");

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("primaryEndpoints.table", settings["Ervaring__Storage__TableEndpoint"]);
        Assert.Contains("primaryEndpoints.blob", settings["Ervaring__Storage__BlobEndpoint"]);
        Assert.Contains("dataStorageName", settings["Ervaring__Storage__TableEndpoint"]);
        Assert.Contains("hostStorageName", settings["AzureWebJobsStorage__accountName"]);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        // Personal links start with a configured https address: the app's own host name, or the custom domain given.
        Assert.Contains("https://", settings["Ervaring__PublicBaseUrl"]);
        Assert.Contains("defaultHostName", settings["Ervaring__PublicBaseUrl"]);
        Assert.Contains("parameters('publicBaseUrl')", settings["Ervaring__PublicBaseUrl"]);

        // No key-based connection anywhere.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys); // the plain name is a connection string
        Assert.DoesNotContain("Ervaring__Storage__ConnectionString", settings.Keys);
        foreach (var (name, value) in settings)
        {
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.False(value.Contains("SharedAccessSignature", StringComparison.OrdinalIgnoreCase) || value.Contains("sig=", StringComparison.OrdinalIgnoreCase), $"{name} holds a SAS");
        }
        Assert.DoesNotContain("listKeys(", compiled.TemplateText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listAccountSas(", compiled.TemplateText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", compiled.TemplateText, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The region's own settings (municipalities, coordinators) travel in the template, so a redeployment keeps them,
    /// and come first in the union: the template's storage, secret and sign-in settings always win.
    /// </summary>
    [Fact]
    public void The_regions_settings_are_deployed_with_the_templates_and_cannot_override_them()
    {
        var properties = (string)AppSettingsConfig()["properties"]!;
        Assert.StartsWith("[union(parameters('regionAppSettings'), createObject(", properties, StringComparison.Ordinal);
        Assert.Contains("Ervaring__Municipalities__", compiled.Parameters["parameters"]!["regionAppSettings"]!["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private System.Text.Json.Nodes.JsonNode AppSettingsConfig() =>
        Assert.Single(compiled.OfType(SiteConfig), c => ((string)c["name"]!).Contains("'appsettings'"));

    private Dictionary<string, string> AppSettings()
    {
        // "[union(parameters('regionAppSettings'), createObject('Name', value, …))]": the template's own settings are
        // the createObject pairs; a value is a literal ('managedidentity') or an expression (reference(…).clientId).
        var properties = (string)AppSettingsConfig()["properties"]!;
        var settings = ArmExpression.CreateObjectPairs(properties);
        // Settings could also hide in siteConfig.appSettings on the site itself.
        var inline = compiled.OfType(Sites).SelectMany(s => s["properties"]?["siteConfig"]?["appSettings"]?.AsArray() ?? []);
        foreach (var setting in inline) settings[(string)setting!["name"]!] = (string)setting["value"]!;
        return settings;
    }

    [Fact]
    public void Entra_id_authentication_is_on_anonymous_requests_pass_and_the_token_store_is_off()
    {
        var auth = Assert.Single(compiled.OfType(SiteConfig), c => ((string)c["name"]!).Contains("'authsettingsV2'"))["properties"]!;
        Assert.True(auth["platform"]!["enabled"]!.GetValue<bool>(), "App Service Authentication enabled");
        Assert.Equal("AllowAnonymous", (string?)auth["globalValidation"]!["unauthenticatedClientAction"]);
        Assert.True(auth["globalValidation"]!["requireAuthentication"]?.GetValue<bool>() != true);
        var aad = auth["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True(aad["enabled"]!.GetValue<bool>(), "Microsoft Entra ID provider enabled");
        Assert.Equal("[parameters('entraClientId')]", (string?)aad["registration"]!["clientId"]);
        Assert.Contains("parameters('entraTenantId')", (string)aad["registration"]!["openIdIssuer"]!);
        Assert.Null(aad["registration"]!["clientSecretSettingName"]); // no secret to leak
        Assert.False(auth["login"]!["tokenStore"]!["enabled"]!.GetValue<bool>(), "token store must be off");
        Assert.True(auth["httpSettings"]!["requireHttps"]!.GetValue<bool>());
    }

    [Fact]
    public void Basic_auth_publishing_is_off_for_ftp_and_scm()
    {
        var policies = compiled.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(p["properties"]!["allow"]!.GetValue<bool>()));
    }

    // ----- monitoring -----------------------------------------------------------------------------

    [Fact]
    public void Application_insights_is_workspace_based_entra_only_and_masks_client_addresses()
    {
        var insights = Assert.Single(compiled.OfType("Microsoft.Insights/components"))["properties"]!;
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string)insights["WorkspaceResourceId"]!);
        Assert.True(insights["DisableLocalAuth"]!.GetValue<bool>());
        // Explicit, so nobody turns it on by accident: respondents' addresses must not be stored in telemetry.
        Assert.False(insights["DisableIpMasking"]!.GetValue<bool>());
    }

    [Fact]
    public void Failed_nightly_maintenance_mails_the_alert_address()
    {
        var rule = Assert.Single(compiled.OfType("Microsoft.Insights/scheduledQueryRules"))["properties"]!;
        Assert.True(rule["enabled"]!.GetValue<bool>());
        var criterion = Assert.Single(rule["criteria"]!["allOf"]!.AsArray())!;
        Assert.Equal("requests | where operation_Name == 'NightlyMaintenance' and success == false", (string?)criterion["query"]);
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, criterion["threshold"]!.GetValue<int>());
        Assert.Contains("Microsoft.Insights/components", (string)Assert.Single(rule["scopes"]!.AsArray())!);
        Assert.Contains("Microsoft.Insights/actionGroups", (string)Assert.Single(rule["actions"]!["actionGroups"]!.AsArray())!);

        // The rule's function name is the real timer function's name.
        Assert.Contains("NightlyMaintenance = \"NightlyMaintenance\"", File.ReadAllText(RepositoryRoot.Combine("functions", "Ervaring.Functions", "Timers", "TimerJobs.cs")));
        Assert.Contains("[Function(TimerFunctionNames.NightlyMaintenance)]", File.ReadAllText(RepositoryRoot.Combine("functions", "Ervaring.Functions", "Timers", "TimerFunctions.cs")));

        var group = Assert.Single(compiled.OfType("Microsoft.Insights/actionGroups"))["properties"]!;
        var receiver = Assert.Single(group["emailReceivers"]!.AsArray())!;
        Assert.Equal("[parameters('alertEmail')]", (string?)receiver["emailAddress"]);
    }

    [Fact]
    public void Outputs_give_what_deployment_needs()
    {
        var outputs = compiled.Template["outputs"]!.AsObject();
        foreach (var name in new[] { "appUrl", "functionAppName", "storageAccountName", "deploymentContainerUrl", "resourceGroupName" })
            Assert.True(outputs.ContainsKey(name), $"output {name} missing");
        Assert.StartsWith("[format('https://{0}'", (string)outputs["appUrl"]!["value"]!);
    }
}
