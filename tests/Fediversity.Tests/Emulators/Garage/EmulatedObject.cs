namespace Fediversity.Tests.Emulators.Garage;

/// <summary>An object stored in an emulated bucket.</summary>
public sealed record EmulatedObject(byte[] Data, DateTimeOffset Modified, string ETag);
