namespace Fediversity.Tests.Emulators.Proxmox;

/// <summary>
/// A worker task: it runs until <see cref="EndsAt"/>, then ends with what <see cref="Finish"/> returns.
/// </summary>
internal sealed class EmulatedTask
{
    public required string Upid { get; init; }

    public required string Type { get; init; }

    public required int VmId { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>Carries the task's effect out and gives its exit status; runs once, when the task ends.</summary>
    public required Func<string> Finish { get; init; }

    /// <summary>How many more status queries answer 400, as a task just made is not known at once.</summary>
    public int UnknownFor { get; set; }

    public string? ExitStatus { get; set; }
}
