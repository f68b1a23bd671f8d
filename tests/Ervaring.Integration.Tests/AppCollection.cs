namespace Ervaring.Integration.Tests;

/// <summary>The test classes that share one Azurite and one app (<see cref="AppFixture"/>), one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "App on Azurite";
}
