using System.Collections.Immutable;
using Fediversity.Configuration.Environment;
using Fediversity.Configuration.Operator;
using Fediversity.Configurator.Nix;
using Fediversity.Resources;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;

namespace Fediversity.Configurator;

/// <summary>
/// The resources of one enabled application: its machine, its DNS record, its media bucket with key and
/// grant (or the handed-over bucket), its generated secrets, its NixOS configuration and its admin account.
/// </summary>
internal static class ApplicationResources
{
    /// <summary>
    /// Stands in for the deploy key while the configuration is rendered; the key is only known once made,
    /// so the rendered text is split here and the key becomes a reference to the key's output.
    /// </summary>
    private const string DeployKeyPlaceholder = "@@fediversity-deploy-key@@";

    private const string SandboxS3Endpoint = "https://s3.sandbox.internal";

    public static IEnumerable<DesiredResource> Build(OperatorContext context, ApplicationName app, ApplicationOptions options)
    {
        var slug = context.Slug;
        var host = context.HostName(app);
        var fqdn = context.Fqdn(options);
        var machine = context.Environment.Machines is StaticMachines listed
            ? listed.Hosts.First(h => h.Operator == slug && h.Application == app)
            : null;
        var resources = new List<DesiredResource>();

        var (address, hostKey) = machine is null
            ? AddVm(resources, context, app, options)
            : ((ResourceValue)ResourceValue.Of(machine.Address), (ResourceValue)ResourceValue.Of(machine.HostKey));

        resources.Add(new Inputs()
            .Set(DnsRecordKind.Zone, context.Zone)
            .Set(DnsRecordKind.Name, fqdn + ".")
            .Set(DnsRecordKind.Type, "A")
            .Set(DnsRecordKind.Ttl, context.Environment.Dns.Ttl)
            .Set(DnsRecordKind.Records, new ListValue([address]))
            .Resource(ResourceAddresses.Record(slug, app, fqdn + ".", "A"), DnsRecordKind.Kind,
                context.OwnsZone ? [ResourceAddresses.Zone(slug)] : []));

        var media = AddMedia(resources, context, app, options);
        AddSecret(resources, ResourceAddresses.AdminPassword(slug, app), "alphanumeric", 24);
        if (app != ApplicationName.Mastodon)
        {
            AddSecret(resources, ResourceAddresses.ApplicationSecret(slug, app),
                app == ApplicationName.Pixelfed ? "laravel-key" : "hex", 64);
        }

        var spec = new NixosHostSpec(host, app, fqdn, options.Registrations, options.Admin.Email, DeployKeyPlaceholder,
            Smtp(context, app), media.Spec, options.Admin);
        var rendering = NixosRenderer.Render(spec);
        var secretFiles = rendering.SecretFiles.ToImmutableSortedDictionary(
            f => f.Path, f => SecretContent(f, context, app, media), StringComparer.Ordinal);
        var modes = rendering.SecretFiles.ToImmutableSortedDictionary(
            f => f.Path, f => (ResourceValue)ResourceValue.Of($"{f.Owner}:{f.Group}:{f.Mode}"), StringComparer.Ordinal);

        resources.Add(new Inputs()
            .Set(NixosHostKind.HostName, host)
            .Set(NixosHostKind.Address, address)
            .Set(NixosHostKind.HostKey, hostKey)
            .Ref(NixosHostKind.PrivateKey, ResourceAddresses.SshKey(slug), SshKeyKind.PrivateKey)
            .Set(NixosHostKind.Configuration, WithDeployKey(rendering.Configuration, slug))
            .Set(NixosHostKind.SecretFiles, new MapValue(secretFiles))
            .Set(NixosHostKind.SecretFileModes, new MapValue(modes))
            .Resource(ResourceAddresses.Nixos(slug, app), NixosHostKind.Kind, [.. media.Ready]));

        resources.Add(new Inputs()
            .Set(AdminAccountKind.Application, ResourceAddresses.Name(app))
            .Set(AdminAccountKind.HostName, host)
            .Set(AdminAccountKind.Address, address)
            .Set(AdminAccountKind.HostKey, hostKey)
            .Ref(AdminAccountKind.PrivateKey, ResourceAddresses.SshKey(slug), SshKeyKind.PrivateKey)
            .Set(AdminAccountKind.Url, $"https://{fqdn}/")
            .Set(AdminAccountKind.Username, AdminUsername(app, options))
            .Set(AdminAccountKind.Email, options.Admin.Email)
            .Ref(AdminAccountKind.Password, ResourceAddresses.AdminPassword(slug, app), PasswordKind.Value)
            .Resource(ResourceAddresses.Admin(slug, app), AdminAccountKind.Kind, ResourceAddresses.Nixos(slug, app)));

        return resources;
    }

    /// <summary>PeerTube's first administrator is always its built-in <c>root</c> user.</summary>
    private static string AdminUsername(ApplicationName app, ApplicationOptions options) =>
        app == ApplicationName.Peertube ? "root" : options.Admin.Username;

    /// <summary>
    /// What stays of a disabled application whose operator chose to keep its data: its media bucket with its
    /// key and grant, the same resources as when it runs, so that enabling it again reattaches them.
    /// </summary>
    public static IEnumerable<DesiredResource> Retained(
        OperatorContext context, ApplicationName app, ApplicationOptions options)
    {
        if (options.Media is not ManagedMedia)
        {
            return [];
        }

        var resources = new List<DesiredResource>();
        AddMedia(resources, context, app, options);
        return resources.Select(r => r with { Retained = true });
    }

    private static (ResourceValue Address, ResourceValue HostKey) AddVm(
        List<DesiredResource> resources, OperatorContext context, ApplicationName app, ApplicationOptions options)
    {
        var vm = ResourceAddresses.Vm(context.Slug, app);
        var tier = context.Environment.Tiers.For(options.Size);
        var inputs = new Inputs()
            .Set(VirtualMachineKind.Name, context.HostName(app))
            .Set(VirtualMachineKind.Cores, tier.Cores)
            .Set(VirtualMachineKind.MemoryMiB, tier.MemoryMiB)
            .Set(VirtualMachineKind.DiskGiB, tier.DiskGiB)
            .Set(VirtualMachineKind.SshKeys, new ListValue(
                [new OutputReference(ResourceAddresses.SshKey(context.Slug), SshKeyKind.PublicKey)]));
        if (context.Environment.Machines is ProxmoxMachines proxmox)
        {
            // Part of the machine's identity: a machine on another template or pool is another machine.
            inputs.Set(VirtualMachineKind.Template, proxmox.Template)
                .Set(VirtualMachineKind.StoragePool, proxmox.StoragePool);
        }

        resources.Add(inputs.Resource(vm, VirtualMachineKind.Kind));
        return (new OutputReference(vm, VirtualMachineKind.Ipv4), new OutputReference(vm, VirtualMachineKind.HostKey));
    }

    private static MediaResources AddMedia(
        List<DesiredResource> resources, OperatorContext context, ApplicationName app, ApplicationOptions options)
    {
        var slug = context.Slug;
        var (endpoint, region) = context.Environment.Storage switch
        {
            GarageStorage garage => (garage.S3Endpoint.ToString().TrimEnd('/'), garage.Region),
            _ => (SandboxS3Endpoint, "sandbox"),
        };

        if (options.Media is ExistingBucketMedia existing)
        {
            var check = ResourceAddresses.ExistingBucket(slug, app);
            resources.Add(new Inputs()
                .Set(ExistingBucketKind.Bucket, existing.Bucket)
                .Set(ExistingBucketKind.AccessKeyId, existing.AccessKeyId)
                .Set(ExistingBucketKind.SecretAccessKey, ResourceValue.Of(new Secret(existing.SecretAccessKey)))
                .Resource(check, ExistingBucketKind.Kind));
            return new MediaResources(
                new S3Spec(endpoint, region, existing.Bucket),
                ResourceValue.Of(existing.AccessKeyId),
                ResourceValue.Of(new Secret(existing.SecretAccessKey)),
                [check]);
        }

        var bucket = ResourceAddresses.Bucket(slug, app);
        var key = ResourceAddresses.AccessKey(slug, app);
        var grant = ResourceAddresses.Grant(slug, app);
        var alias = $"{slug}-{ResourceAddresses.Name(app)}-media";
        resources.Add(new Inputs().Set(BucketKind.Alias, alias).Resource(bucket, BucketKind.Kind));
        resources.Add(new Inputs().Set(AccessKeyKind.Name, context.HostName(app)).Resource(key, AccessKeyKind.Kind));
        resources.Add(new Inputs()
            .Ref(BucketGrantKind.BucketId, bucket, BucketKind.BucketId)
            .Ref(BucketGrantKind.AccessKeyId, key, AccessKeyKind.AccessKeyId)
            .Set(BucketGrantKind.Read, true)
            .Set(BucketGrantKind.Write, true)
            .Set(BucketGrantKind.Owner, false)
            .Resource(grant, BucketGrantKind.Kind));
        return new MediaResources(
            new S3Spec(endpoint, region, alias),
            new OutputReference(key, AccessKeyKind.AccessKeyId),
            new OutputReference(key, AccessKeyKind.SecretAccessKey),
            [grant]);
    }

    private static void AddSecret(List<DesiredResource> resources, ResourceAddress address, string format, int length) =>
        resources.Add(new Inputs()
            .Set(PasswordKind.Format, format)
            .Set(PasswordKind.Length, length)
            .Resource(address, PasswordKind.Kind));

    private static SmtpSpec Smtp(OperatorContext context, ApplicationName app) => context.Environment.Mail is { } mail
        ? new SmtpSpec(mail.Host, mail.Port, $"{context.HostName(app)}@{mail.FromDomain}", mail.Username,
            mail.PasswordFile is not null)
        : new SmtpSpec("localhost", 25, $"{context.HostName(app)}@localhost", null, false);

    private static ResourceValue SecretContent(
        SecretFileSpec file, OperatorContext context, ApplicationName app, MediaResources media) =>
        new Template([
            .. file.Content.Select(part => part switch
            {
                LiteralPart literal => ResourceValue.Of(literal.Text),
                SecretValuePart { Source: SecretSource.S3AccessKeyId } => media.AccessKeyId,
                SecretValuePart { Source: SecretSource.S3SecretAccessKey } => media.SecretAccessKey,
                SecretValuePart { Source: SecretSource.SmtpPassword } =>
                    context.Secrets.SmtpPassword is { } smtp ? ResourceValue.Of(smtp) : ResourceValue.Of(string.Empty),
                SecretValuePart { Source: SecretSource.AdminPassword } =>
                    new OutputReference(ResourceAddresses.AdminPassword(context.Slug, app), PasswordKind.Value),
                SecretValuePart { Source: SecretSource.ApplicationSecret } =>
                    new OutputReference(ResourceAddresses.ApplicationSecret(context.Slug, app), PasswordKind.Value),
                _ => throw new InvalidOperationException($"Unknown secret part {part}."),
            }),
        ]);

    private static ResourceValue WithDeployKey(string configuration, string slug)
    {
        var pieces = configuration.Split(DeployKeyPlaceholder);
        var parts = ImmutableArray.CreateBuilder<ResourceValue>();
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                parts.Add(new OutputReference(ResourceAddresses.SshKey(slug), SshKeyKind.PublicKey));
            }

            parts.Add(ResourceValue.Of(pieces[i]));
        }

        return new Template(parts.ToImmutable());
    }

    private sealed record MediaResources(
        S3Spec Spec, ResourceValue AccessKeyId, ResourceValue SecretAccessKey, ImmutableArray<ResourceAddress> Ready);
}
