using Fediversity.Configuration.Operator;
using Fediversity.Resources;

namespace Fediversity.Configurator;

/// <summary>The addresses the configurator gives resources. They never change for the same choices.</summary>
public static class ResourceAddresses
{
    public static ResourceAddress SshKey(string slug) => new($"operators/{slug}/ssh-key");

    public static ResourceAddress Zone(string slug) => new($"operators/{slug}/dns/zone");

    public static ResourceAddress Vm(string slug, ApplicationName app) => Of(slug, app, "vm");

    public static ResourceAddress Record(string slug, ApplicationName app, string name, string type) =>
        Of(slug, app, $"dns/{name}/{type}");

    public static ResourceAddress Bucket(string slug, ApplicationName app) => Of(slug, app, "bucket");

    public static ResourceAddress ExistingBucket(string slug, ApplicationName app) => Of(slug, app, "existing-bucket");

    public static ResourceAddress AccessKey(string slug, ApplicationName app) => Of(slug, app, "s3-key");

    public static ResourceAddress Grant(string slug, ApplicationName app) => Of(slug, app, "s3-grant");

    public static ResourceAddress AdminPassword(string slug, ApplicationName app) => Of(slug, app, "admin-password");

    public static ResourceAddress ApplicationSecret(string slug, ApplicationName app) => Of(slug, app, "app-secret");

    public static ResourceAddress Nixos(string slug, ApplicationName app) => Of(slug, app, "nixos");

    public static ResourceAddress Admin(string slug, ApplicationName app) => Of(slug, app, "admin");

    /// <summary>The lower-case name of an application as addresses, host names and the CLI write it.</summary>
    public static string Name(ApplicationName app) => app.ToString().ToLowerInvariant();

    private static ResourceAddress Of(string slug, ApplicationName app, string part) =>
        new($"operators/{slug}/{Name(app)}/{part}");
}
