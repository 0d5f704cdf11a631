using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Fediversity.Tests.Emulators.Proxmox;

/// <summary>The emulated API's routes, its token check and its error answers.</summary>
internal static class ProxmoxEndpoints
{
    private const string Root = "/api2/json";
    private const string Vm = Root + "/nodes/{node}/qemu/{vmid:int}";

    /// <summary>
    /// Checks the token of every call, logs the ones that pass, and turns errors into Proxmox's answers.
    /// </summary>
    public static void Use(WebApplication app, ProxmoxEmulatorState state, string expected) =>
        app.Use(async (context, next) =>
        {
            try
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (header.Length == 0)
                {
                    throw new ProxmoxEmulatorException(401, "No ticket");
                }

                if (!string.Equals(header, expected, StringComparison.Ordinal))
                {
                    throw new ProxmoxEmulatorException(401, "authentication failure");
                }

                state.Calls.Enqueue($"{context.Request.Method} {context.Request.Path}");
                if (context.Request.RouteValues.TryGetValue("node", out var node) && (string?)node != state.Node)
                {
                    throw new ProxmoxEmulatorException(500, $"hostname lookup '{node}' failed - no such node");
                }

                await next(context);
            }
            catch (ProxmoxEmulatorException e)
            {
                context.Response.StatusCode = e.Status;
                context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = e.Message;
                await context.Response.WriteAsJsonAsync(
                    new { data = (object?)null, message = e.Message + "\n", errors = e.Errors });
            }
        });

    public static void Map(WebApplication app, ProxmoxEmulatorState state)
    {
        app.MapGet(Root + "/cluster/nextid", (HttpContext c) =>
            Data(state.NextId(c.Request.Query.TryGetValue("vmid", out var v)
                ? int.Parse(v!, CultureInfo.InvariantCulture)
                : null)));

        app.MapGet(Root + "/nodes/{node}/qemu", () => Data(state.List().Select(v => new Dictionary<string, object?>
        {
            ["vmid"] = v.VmId,
            ["name"] = v.Name,
            ["status"] = v.Status,
            ["cpus"] = v.Cores,
            ["maxmem"] = v.MemoryMiB * 1024L * 1024,
            ["maxdisk"] = v.DiskGiB * 1024L * 1024 * 1024,
            ["template"] = v.IsTemplate ? 1 : null,
            ["lock"] = v.Lock,
        }.Where(p => p.Value is not null).ToDictionary())));

        app.MapPost(Vm + "/clone", async (HttpContext c, int vmid) => Data(state.Clone(vmid, await FormAsync(c))));
        app.MapGet(Vm + "/config", (int vmid) => Data(state.Config(vmid)));
        app.MapPost(Vm + "/config", async (HttpContext c, int vmid) =>
            Data(state.SetConfig(vmid, await FormAsync(c), asynchronous: true)));
        app.MapPut(Vm + "/config", async (HttpContext c, int vmid) =>
            Data(state.SetConfig(vmid, await FormAsync(c), asynchronous: false)));
        app.MapPut(Vm + "/resize", async (HttpContext c, int vmid) => Data(state.Resize(vmid, await FormAsync(c))));
        app.MapGet(Vm + "/status/current", (int vmid) => Data(new { vmid, status = state.Status(vmid) }));
        app.MapPost(Vm + "/status/start", (int vmid) => Data(state.Start(vmid)));
        app.MapPost(Vm + "/status/shutdown", async (HttpContext c, int vmid) =>
            Data(state.Shutdown(vmid, await FormAsync(c))));
        app.MapPost(Vm + "/status/stop", (int vmid) => Data(state.Stop(vmid)));
        app.MapDelete(Vm, (int vmid) => Data(state.Destroy(vmid)));

        app.MapGet(Root + "/nodes/{node}/tasks/{upid}/status", (string upid) =>
        {
            var (status, exit, type) = state.Task(upid);
            return Data(new Dictionary<string, object?>
                {
                    ["upid"] = upid, ["status"] = status, ["type"] = type, ["exitstatus"] = exit,
                }
                .Where(p => p.Value is not null).ToDictionary());
        });

        app.MapGet(Vm + "/agent/network-get-interfaces", (int vmid) => Data(new
        {
            result = new object[]
            {
                Interface("lo", "127.0.0.1", 8),
                Interface("ens18", state.AgentAddress(vmid), 24),
            },
        }));
        app.MapGet(Vm + "/agent/file-read", (int vmid, string file) =>
            Data(new { content = state.AgentFile(vmid, file) }));
    }

    private static Dictionary<string, object> Interface(string name, string ip, int prefix) => new()
    {
        ["name"] = name,
        ["ip-addresses"] = new[]
        {
            new Dictionary<string, object> { ["ip-address-type"] = "ipv4", ["ip-address"] = ip, ["prefix"] = prefix },
        },
    };

    private static IResult Data(object? data) => Results.Json(new { data });

    private static async Task<Dictionary<string, string>> FormAsync(HttpContext context)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync())
            {
                values[key] = value.ToString();
            }
        }

        foreach (var (key, value) in context.Request.Query)
        {
            values.TryAdd(key, value.ToString());
        }

        return values;
    }
}
