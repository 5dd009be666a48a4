using System.Globalization;

namespace Outreach.Server.Accounts;

/// <summary>The stored form of a list of community ids: "1,2" (a plain column on every database).</summary>
public static class CommunityIdList
{
    public static string Encode(IEnumerable<int> ids)
        => string.Join(',', ids.Distinct().Order().Select(id => id.ToString(CultureInfo.InvariantCulture)));

    public static List<int> Decode(string? stored)
        => string.IsNullOrEmpty(stored)
            ? []
            : [.. stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0)
                .Where(id => id > 0)];

    /// <summary>Parses what staff type into a form ("1, 2"); null when a part is not a positive number.</summary>
    public static List<int>? ParseInput(string? input)
    {
        var parts = (input ?? string.Empty).Split([',', ' ', '，'], StringSplitOptions.RemoveEmptyEntries);
        var ids = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return null;
            }

            ids.Add(id);
        }

        return [.. ids.Distinct().Order()];
    }
}
