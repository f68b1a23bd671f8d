using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Hosting.Settings;

public static class SettingsRegistration
{
    /// <summary>The typed settings, validated when the app starts: a wrong value stops the start with a Dutch sentence.</summary>
    public static IHostApplicationBuilder AddSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ErvaringSettings>().Bind(builder.Configuration.GetSection(ErvaringSettings.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ErvaringSettings>, ErvaringSettingsValidation>();
        return builder;
    }
}
