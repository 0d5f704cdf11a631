using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fediversity.Configuration.Operator;

namespace Fediversity.Configuration.Environment;

/// <summary>
/// The hosting provider's side: where machines, storage and DNS come from, the machine sizes on offer
/// and the limits every operator stays within. Secrets are never written here, only paths to files
/// that hold them.
/// </summary>
[Description("A hosting provider's Fediversity environment.")]
public sealed record HostingEnvironment
{
    /// <summary>The version this release of Fediversity reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Where editors find this document's JSON Schema; Fediversity itself does not read it.</summary>
    [Description("Where editors find this document's JSON Schema, for example " +
        "../schema/hosting-environment.schema.json. Fediversity ignores it.")]
    [System.Text.Json.Serialization.JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    [Description("The version of this document's format; this release of Fediversity reads version 1.")]
    [Range(CurrentVersion, CurrentVersion)]
    public required int Version { get; init; }

    [Description("A name for this environment, shown in plans and the panel.")]
    [MinLength(1)]
    public required string Name { get; init; }

    [Description("Where the operators' machines come from.")]
    public required MachineSource Machines { get; init; }

    [Description("The S3 store that keeps the applications' media.")]
    public required ObjectStorage Storage { get; init; }

    [Description("The DNS service that serves the operators' names.")]
    public required DnsService Dns { get; init; }

    [Description("How each machine's configuration reaches it: over SSH (the default for Proxmox and static " +
        "machines) or into a folder. Sandbox machines always receive theirs in the sandbox.")]
    public HostAccess? Access { get; init; }

    [Description("The mail relay the applications send through.")]
    public MailRelay? Mail { get; init; }

    [Description("What each machine size means.")]
    public SizeTiers Tiers { get; init; } = new();

    [Description("What one operator may use at most, over all their applications.")]
    public ResourceLimits Limits { get; init; } = new();

    [Description("What is kept after an operator's account is deleted, and for how long.")]
    public RetentionPolicy Retention { get; init; } = new();

    [Description("The applications operators may deploy here; all of them when absent.")]
    public IReadOnlyList<ApplicationName>? Offered { get; init; }

    /// <summary>The folder that relative paths in this document are read from.</summary>
    [JsonIgnore]
    public string BaseDirectory { get; init; } = System.Environment.CurrentDirectory;

    /// <summary>The built-in environment where every provider is an in-process stand-in.</summary>
    public static HostingEnvironment Sandbox { get; } = new()
    {
        Version = 1,
        Name = "sandbox",
        Machines = new SandboxMachines(),
        Storage = new SandboxStorage(),
        Dns = new SandboxDns(),
        Mail = new MailRelay
        {
            Host = "mail.sandbox.internal",
            Port = 587,
            FromDomain = "sandbox.internal",
        },
    };

    /// <summary>Whether operators may deploy <paramref name="application"/> here.</summary>
    public bool Offers(ApplicationName application) => Offered is null || Offered.Contains(application);
}
