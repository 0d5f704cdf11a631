using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Fediversity.Bench.Harness;
using Fediversity.Providers.NixosSsh;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Resources;

namespace Fediversity.Tests.Providers.NixosSsh;

/// <summary>Requests as the orchestrator hands them to the providers, every reference resolved.</summary>
internal static partial class SshRequests
{
    /// <summary>Short waits, so that a test that fails does so quickly.</summary>
    public static NixosSshOptions Options { get; } = NixosSshOptions.Default with
    {
        SwitchTimeout = TimeSpan.FromSeconds(60),
        PollInterval = TimeSpan.FromMilliseconds(200),
        ReconnectTimeout = TimeSpan.FromSeconds(30),
        HealthTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    public static ResourceProvider Provider(string kind, IReadOnlyList<ResourceProvider>? providers = null) =>
        (providers ?? NixosSshProviders.For(Options, TimeProvider.System)).Single(p => p.Kind == kind);

    /// <summary>
    /// The NixOS configuration the renderer makes for the example's Mastodon, with the machine's deploy key as
    /// the key root signs in with (a switch makes it the only one).
    /// </summary>
    public static string MastodonConfiguration(TestMachine machine) => AuthorizedKeys().Replace(
        File.ReadAllText(Path.Combine(
            Repository.Root, "tests", "Fediversity.Tests", "Configurator", "Nix", "Golden", "mastodon.nix")),
        $"users.users.root.openssh.authorizedKeys.keys = [ \"{machine.DeployPublicKey}\" ];",
        1);

    public static ImmutableSortedDictionary<string, (string Content, string Mode)> MastodonSecrets { get; } =
        new Dictionary<string, (string, string)>
        {
            ["/var/lib/fediversity/secrets/mastodon-s3.env"] =
                ("AWS_ACCESS_KEY_ID=GK31c2f218a2e44f485b94239e\nAWS_SECRET_ACCESS_KEY=b8f1c9e0d2\n",
                    "mastodon:mastodon:0400"),
            ["/var/lib/fediversity/secrets/mastodon-smtp-password"] =
                ("relay-password-7f3a", "mastodon:mastodon:0440"),
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    public static ResourceRequest NixosHost(
        TestMachine machine,
        string configuration,
        IReadOnlyDictionary<string, (string Content, string Mode)> secrets,
        IStepReporter reporter,
        string? pinnedHostKey = null) => new(
        new ResourceAddress($"operators/acme/{machine.Name}/nixos"),
        Inputs(
            (NixosHostKind.HostName, ResourceValue.Of(machine.Name)),
            (NixosHostKind.Address, ResourceValue.Of(machine.Address)),
            (NixosHostKind.HostKey, ResourceValue.Of(pinnedHostKey ?? machine.HostKey)),
            (NixosHostKind.PrivateKey, ResourceValue.Of(machine.DeployKey)),
            (NixosHostKind.Configuration, ResourceValue.Of(configuration)),
            (NixosHostKind.SecretFiles, Map(secrets.ToDictionary(
                s => s.Key, s => ResourceValue.Of(new Secret(s.Value.Content))))),
            (NixosHostKind.SecretFileModes, Map(secrets.ToDictionary(
                s => s.Key, s => ResourceValue.Of(s.Value.Mode))))),
        Empty,
        reporter);

    /// <summary>An admin account; with <paramref name="withKeys"/> it carries the machine's keys itself.</summary>
    public static ResourceRequest Admin(
        TestMachine machine, string application, string username, string password, IStepReporter reporter,
        bool withKeys = true)
    {
        var inputs = Inputs(
            (AdminAccountKind.Application, ResourceValue.Of(application)),
            (AdminAccountKind.HostName, ResourceValue.Of(machine.Name)),
            (AdminAccountKind.Address, ResourceValue.Of(machine.Address)),
            (AdminAccountKind.Url, ResourceValue.Of($"https://{application}.acme.example/")),
            (AdminAccountKind.Username, ResourceValue.Of(username)),
            (AdminAccountKind.Email, ResourceValue.Of("admin@acme.example")),
            (AdminAccountKind.Password, ResourceValue.Of(new Secret(password))));
        if (withKeys)
        {
            inputs = inputs
                .SetItem(NixosHostKind.HostKey, ResourceValue.Of(machine.HostKey))
                .SetItem(NixosHostKind.PrivateKey, ResourceValue.Of(machine.DeployKey));
        }

        return new ResourceRequest(
            new ResourceAddress($"operators/acme/{application}/admin"), inputs, Empty, reporter);
    }

    [GeneratedRegex(@"users\.users\.root\.openssh\.authorizedKeys\.keys = \[ ""[^""]+"" \];")]
    private static partial Regex AuthorizedKeys();

    private static ImmutableSortedDictionary<string, ResourceValue> Empty { get; } =
        ImmutableSortedDictionary<string, ResourceValue>.Empty.WithComparers(StringComparer.Ordinal);

    private static ImmutableSortedDictionary<string, ResourceValue> Inputs(
        params (string Name, ResourceValue Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);

    private static MapValue Map(Dictionary<string, ResourceValue> entries) =>
        new(entries.ToImmutableSortedDictionary(StringComparer.Ordinal));
}
