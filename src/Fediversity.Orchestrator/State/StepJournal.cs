namespace Fediversity.Orchestrator.State;

/// <summary>
/// A step's journal entry written together with its end rather than before its call: for providers that
/// change nothing outside, whose calls need no intent but whose steps belong in the history all the same.
/// </summary>
/// <param name="RunId">The run the step belongs to.</param>
/// <param name="Operation"><c>create</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="Handle">The resource's remote name, if it has one.</param>
public sealed record StepJournal(string RunId, string Operation, string? Handle);
