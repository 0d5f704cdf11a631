namespace Fediversity.Panel.Configuration;

/// <summary>One application's section of the configuration form.</summary>
internal sealed class ApplicationForm
{
    public bool Enabled { get; set; }

    public string Subdomain { get; set; } = "";

    public string Registrations { get; set; } = "closed";

    public string AdminUsername { get; set; } = "";

    public string AdminEmail { get; set; } = "";

    public string Size { get; set; } = "small";

    /// <summary><c>managed</c> or <c>existing</c>.</summary>
    public string Media { get; set; } = "managed";

    public string? Bucket { get; set; }

    public string? AccessKeyId { get; set; }

    /// <summary>Only ever filled in by the operator; left empty, the stored key is kept.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary><c>keep</c> or <c>delete</c>, for a disabled application with data.</summary>
    public string? DataWhenDisabled { get; set; }

    /// <summary>Whether the application is in the saved configuration (so disabling it needs a data choice).</summary>
    public bool WasPresent { get; set; }
}
