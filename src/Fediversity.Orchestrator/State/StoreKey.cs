using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// Pairs a store with the key file its secrets are encrypted under. The key never enters the database; only
/// its check value does, so that a missing or different key is refused at once instead of failing later on
/// the first secret read.
/// </summary>
internal static class StoreKey
{
    private const string CheckSetting = "state-key-check";

    /// <summary>Opens the key, making it when the store has none yet; the caller holds the init lock.</summary>
    public static async Task<SecretProtector> OpenAsync(
        StateDbContext db, string keyFile, string description, CancellationToken cancellationToken)
    {
        var recorded = await db.Settings.AsNoTracking()
            .Where(s => s.Name == CheckSetting)
            .Select(s => s.Value)
            .SingleOrDefaultAsync(cancellationToken);

        if (recorded is null)
        {
            var made = SecretProtector.FromKeyFile(keyFile);
            db.Settings.Add(new StoreSettingRow { Name = CheckSetting, Value = made.KeyCheck });
            await db.SaveChangesAsync(cancellationToken);
            return made;
        }

        if (!File.Exists(keyFile))
        {
            throw new StateStoreException(
                $"The secrets in {description} are encrypted with a key that is not in {keyFile}. Put that key " +
                "file there (copy it from a machine that already uses this store, or restore it from a backup); " +
                "a new key could not read them.");
        }

        var protector = SecretProtector.FromKeyFile(keyFile);
        if (!CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(protector.KeyCheck), Encoding.ASCII.GetBytes(recorded)))
        {
            throw new StateStoreException(
                $"The key file {keyFile} is not the key the secrets in {description} are encrypted with. Use the " +
                "key file of a machine that already uses this store, or restore it from a backup.");
        }

        return protector;
    }
}
