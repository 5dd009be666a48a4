using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Outreach.Server.Security;

/// <summary>
/// The street admin's API key: from configuration, else generated once and stored as a SHA-256 hash in the
/// data folder (the key itself is printed once at first start and never stored).
/// </summary>
public sealed class AdminApiKey
{
    private const string HashFile = "admin-api-key.sha256";
    private readonly byte[] expectedHash;

    public AdminApiKey(IOptions<OutreachOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.AdminApiKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            expectedHash = Hash(configured);
            return;
        }

        var path = Path.Combine(options.Value.DataFolder, HashFile);
        if (File.Exists(path))
        {
            expectedHash = Convert.FromHexString(File.ReadAllText(path).Trim());
            return;
        }

        Directory.CreateDirectory(options.Value.DataFolder);
        GeneratedKey = "ok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        expectedHash = Hash(GeneratedKey);
        File.WriteAllText(path, Convert.ToHexStringLower(expectedHash));
    }

    /// <summary>Set only on the start that generated the key, so the banner can print it once.</summary>
    public string? GeneratedKey { get; }

    public bool Matches(string presented)
        => CryptographicOperations.FixedTimeEquals(Hash(presented), expectedHash);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
