namespace Fediversity.Orchestrator.Planning;

/// <summary>One input that differs between the recorded and the desired resource, in display form.</summary>
/// <param name="Field">The input's name.</param>
/// <param name="Before">The recorded value; <c>null</c> when the field is new.</param>
/// <param name="After">The desired value; <c>null</c> when the field goes away.</param>
/// <param name="ForcesReplacement">Whether this change alone makes the resource be destroyed and made again.</param>
/// <param name="Note">What an in-place change does, such as a restart.</param>
public sealed record FieldChange(string Field, string? Before, string? After, bool ForcesReplacement, string? Note);
