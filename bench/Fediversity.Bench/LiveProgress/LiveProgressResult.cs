namespace Fediversity.Bench.LiveProgress;

/// <summary>One live-progress run: clients watching a fleet's deployments through the real panel.</summary>
/// <param name="Store">The database the panel kept its data and events in.</param>
/// <param name="Clients">The watching clients.</param>
/// <param name="Deployments">The deployments they watched, one per operator.</param>
/// <param name="PanelWorkers">The deployments the panel ran at once.</param>
/// <param name="Scale">The factor the real services' latencies were multiplied by.</param>
/// <param name="Deliveries">Events delivered to clients, history included.</param>
/// <param name="Measured">Deliveries of events recorded after their client first asked: the latencies below.</param>
/// <param name="P50Ms">The median delivery latency, from the event's timestamp to its arrival.</param>
/// <param name="P99Ms">The 99th percentile of that latency.</param>
/// <param name="MaxMs">The longest delivery.</param>
/// <param name="PeakMemoryMiB">The panel process's peak resident memory (VmHWM).</param>
/// <param name="PanelCpuSeconds">The processor time the panel used over the run.</param>
/// <param name="Seconds">From the first deployment asked for to the last end event.</param>
/// <param name="Reconnects">Streams that dropped and were resumed with Last-Event-ID.</param>
/// <param name="Unfinished">Clients that never saw their deployment end.</param>
/// <param name="Inconsistent">Clients whose events differ from others' of their deployment, or are unordered.</param>
/// <param name="Failed">Deployments that ended failed.</param>
/// <param name="LoadAverage">The machine's one-minute load average when the run ended.</param>
public sealed record LiveProgressResult(
    string Store,
    int Clients,
    int Deployments,
    int PanelWorkers,
    double Scale,
    long Deliveries,
    long Measured,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    double PeakMemoryMiB,
    double PanelCpuSeconds,
    double Seconds,
    int Reconnects,
    int Unfinished,
    int Inconsistent,
    int Failed,
    double LoadAverage)
{
    /// <summary>The value below which <paramref name="fraction"/> of the sorted values lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) => sorted.Count == 0
        ? double.NaN
        : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
