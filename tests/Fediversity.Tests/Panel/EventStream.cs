using System.Globalization;
using System.Net;

namespace Fediversity.Tests.Panel;

/// <summary>
/// A deployment's live channel as a browser's EventSource reads it: the ids of the events in the order they
/// came, and the end event's outcome. Reads in the background until the end or until disposed.
/// </summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource stop = new();
    private readonly List<long> ids = [];
    private readonly Task reading;

    public EventStream(HttpResponseMessage response)
    {
        this.response = response;
        reading = response.StatusCode == HttpStatusCode.OK ? ReadAsync() : Task.CompletedTask;
    }

    public HttpStatusCode StatusCode => response.StatusCode;

    public IReadOnlyList<long> Ids
    {
        get
        {
            lock (ids)
            {
                return [.. ids];
            }
        }
    }

    /// <summary>The outcome the end event carried; null until it came.</summary>
    public string? End { get; private set; }

    /// <summary>Waits for the end event; fails the test when it does not come in time.</summary>
    public async Task<IReadOnlyList<long>> EndedAsync(TimeSpan? within = null)
    {
        await reading.WaitAsync(within ?? TimeSpan.FromSeconds(60));
        Assert.NotNull(End);
        return Ids;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Stopped on purpose.
        }

        response.Dispose();
        stop.Dispose();
    }

    private async Task ReadAsync()
    {
        await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
        using var reader = new StreamReader(body);
        string? type = null;
        string? data = null;
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                lock (ids)
                {
                    ids.Add(long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture));
                }
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
            else if (line.Length == 0 && type == "end")
            {
                End = data;
                return;
            }
        }
    }
}
