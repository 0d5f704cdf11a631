using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>
/// A contract emulator of a Garage 2.x node, written from Garage's OpenAPI description of admin API
/// v2: the admin endpoints Fediversity calls, with their documented bodies and Garage's error answers,
/// and a minimal path-style S3 API on a second port. Both listen on 127.0.0.1 on free ports, only for
/// as long as the emulator lives.
/// </summary>
public sealed class GarageEmulator : IAsyncDisposable
{
    private readonly WebApplication admin;
    private readonly WebApplication s3;

    private GarageEmulator(WebApplication admin, WebApplication s3, GarageEmulatorState state, string token,
        string region)
    {
        this.admin = admin;
        this.s3 = s3;
        State = state;
        AdminToken = token;
        Region = region;
    }

    public GarageEmulatorState State { get; }

    public string AdminToken { get; }

    public string Region { get; }

    public Uri AdminEndpoint => Address(admin);

    public Uri S3Endpoint => Address(s3);

    public static async Task<GarageEmulator> StartAsync(
        string adminToken, string region, TimeProvider time, CancellationToken cancellationToken)
    {
        var state = new GarageEmulatorState(time);

        var admin = Build();
        AdminAuthentication.Use(admin, adminToken, region);
        AdminBucketEndpoints.Map(admin, state, region);
        AdminKeyEndpoints.Map(admin, state, region);
        AdminPermissionEndpoints.Map(admin, state, region);

        var s3 = Build();
        S3Endpoints.Map(s3, state, region);

        await admin.StartAsync(cancellationToken);
        await s3.StartAsync(cancellationToken);
        return new GarageEmulator(admin, s3, state, adminToken, region);
    }

    public async ValueTask DisposeAsync()
    {
        await admin.StopAsync();
        await s3.StopAsync();
        await admin.DisposeAsync();
        await s3.DisposeAsync();
    }

    private static WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        return builder.Build();
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single());
}
