namespace SensorNet.RadioModels.Ble;

/// <summary>
/// Counts the distinct advertising events heard per advertiser, each event once however many of its PDUs were heard
/// (by one scanner, or by any of several sharing the counter). Memory is one entry per advertiser, whatever the run's
/// length: an advertiser's events follow one another (an event's PDUs, on 37/38/39, end before the next event starts)
/// and a PDU is decided when it ends, so a PDU of an earlier event never arrives after one of a later event.
/// </summary>
public sealed class AdvertisingEventCounter
{
    private readonly Dictionary<int, (long Last, long Count)> _byAdvertiser = [];

    /// <summary>Records that a PDU of <paramref name="advertisingEvent"/> of <paramref name="advertiser"/> was heard.</summary>
    /// <returns>True if the event had not been heard before.</returns>
    /// <exception cref="InvalidOperationException">A PDU of an earlier event arrived after a later one (a model bug).</exception>
    public bool Add(int advertiser, long advertisingEvent)
    {
        (long last, long count) = _byAdvertiser.GetValueOrDefault(advertiser, (long.MinValue, 0));
        if (advertisingEvent == last)
        {
            return false;
        }

        if (advertisingEvent < last)
        {
            throw new InvalidOperationException($"Advertising event {advertisingEvent} of node {advertiser} was heard after its event {last}.");
        }

        _byAdvertiser[advertiser] = (advertisingEvent, count + 1);
        return true;
    }

    /// <summary>Distinct events of <paramref name="advertiser"/> heard.</summary>
    public long Count(int advertiser) => _byAdvertiser.GetValueOrDefault(advertiser).Count;
}
