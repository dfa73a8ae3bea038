using Interdict.Screening.Text;

namespace Interdict.Screening.Payments;

/// <summary>
/// Sanctioned places in a payment: country codes of addresses, residence, BICs and IBANs; region and city names in
/// addresses and party names ("BANK MELLI IRAN"); and mentions in the free-text fields. Each finding names its path.
/// </summary>
public static class PaymentPlaces
{
    public static IReadOnlyList<PlaceFinding> Find(PaymentMessage message, SanctionedPlaces? places = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        places ??= SanctionedPlaces.Default;
        var found = new List<PlaceFinding>();
        foreach (var p in message.Parties)
        {
            places.AddCountryCode(found, p.Country, p.AddressPath is null ? null : Sub(p.AddressPath, "Ctry"));
            places.AddCountryCode(found, p.CountryOfResidence, p.Path + "/CtryOfRes");
            if (p.Bic is not null)
            {
                places.AddCountryCode(found, p.BicCountry, p.BicPath, p.Bic, 4);
            }

            if (p.Account is not null)
            {
                places.AddCountryCode(found, p.AccountCountry, p.AccountPath, p.Account);
            }

            if (p.Name is not null)
            {
                found.AddRange(places.FindInText(p.Name, p.NamePath));
            }

            foreach (var line in p.AddressLines)
            {
                found.AddRange(places.FindInText(line, p.AddressPath));
            }

            foreach (var (value, element) in new[] { (p.Town, "TwnNm"), (p.Region, "CtrySubDvsn") })
            {
                if (value is not null)
                {
                    found.AddRange(places.FindInText(value, p.AddressPath is null ? null : Sub(p.AddressPath, element)));
                }
            }
        }

        foreach (var f in message.FreeText)
        {
            found.AddRange(places.FindInText(f.Text, f.Path));
        }

        return found;
    }

    // ISO 20022 paths name the sub-element; an MT103 field is its own path.
    private static string Sub(string path, string element) => path.StartsWith(':') ? path : $"{path}/{element}";
}
