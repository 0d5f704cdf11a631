namespace Fediversity.Tests.Emulators.Garage;

/// <summary>An access key as the emulator keeps it.</summary>
public sealed record EmulatedKey(string Id, string Secret, string Name, DateTimeOffset Created);
