using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fediversity.Tests.Emulators.Proxmox;

/// <summary>
/// A contract emulator of a Proxmox VE node's API (<c>/api2/json</c>), written from the public API
/// documentation: API-token authentication, <c>/cluster/nextid</c>, full clones as tasks that lock the
/// new machine while they run, configuration (asynchronous POST, synchronous PUT) with the
/// <c>urlencoded</c> rule for <c>sshkeys</c>, disk growth that refuses to shrink, power and destroy
/// tasks, task status with exit statuses, and the guest agent. It listens on 127.0.0.1 over plain HTTP
/// on a free port, only while it lives.
/// </summary>
public sealed class ProxmoxEmulator : IAsyncDisposable
{
    public const string TokenId = "fediversity@pve!deploy";

    private readonly WebApplication app;

    private ProxmoxEmulator(WebApplication app, ProxmoxEmulatorState state, string secret)
    {
        this.app = app;
        State = state;
        TokenSecret = secret;
    }

    public ProxmoxEmulatorState State { get; }

    public string TokenSecret { get; }

    public Uri Endpoint => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
        .Addresses.Single());

    /// <summary>Starts a node named <paramref name="node"/> with template 9000 on <paramref name="storage"/>.</summary>
    public static async Task<ProxmoxEmulator> StartAsync(
        string secret, TimeProvider time, CancellationToken cancellationToken, string node = "pve1",
        string storage = "linstor-shared")
    {
        var state = new ProxmoxEmulatorState(node, time);
        state.AddTemplate(9000, storage);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ProxmoxEndpoints.Use(app, state, $"PVEAPIToken={TokenId}={secret}");
        ProxmoxEndpoints.Map(app, state);

        await app.StartAsync(cancellationToken);
        return new ProxmoxEmulator(app, state, secret);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
