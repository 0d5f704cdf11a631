namespace Fediversity.Tests.Emulators.Garage;

/// <summary>The read, write and owner flags of one key on one bucket.</summary>
public sealed record EmulatedPermissions(bool Read, bool Write, bool Owner)
{
    public static EmulatedPermissions None { get; } = new(false, false, false);

    public bool Any => Read || Write || Owner;
}
