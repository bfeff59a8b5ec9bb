using SensorNet.RadioModels.Ieee802154;
using SensorNet.RadioModels.Medium;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Scenarios.Running;

/// <summary>
/// Static routes of an 802.15.4 collection network: a link exists between two nodes on the same channel when the link's
/// path loss as the medium applies it (its own shadowing draw, which a link estimator such as ETX would learn) leaves a
/// 3 dB margin above the receiver sensitivity in both directions; a breadth-first search from the
/// sinks gives each node its hop count, and a node's parent is its nearest neighbour one hop closer to a sink (a
/// collection tree in the manner of CTP/RPL with a hop-count metric). <c>routing: direct</c> sends straight to the
/// nearest sink on the channel, in range or not (a star).
/// </summary>
/// <remarks>
/// <b>Limits:</b> routes are computed once (no repair when links fail, no load balancing); neighbour search is O(N²),
/// fine for a few thousand nodes. Sensitivity −100 dBm (nRF52840 802.15.4, U).
/// </remarks>
internal static class CollectionRouting
{
    /// <summary>Receiver sensitivity used for links and receptions.</summary>
    public static Dbm Sensitivity { get; } = new(-100);

    private static readonly Decibels Margin = new(3);

    public static void Assign(List<(Ieee802154MacNode Node, Ieee802154GroupConfig Group)> macs, WirelessMedium medium)
    {
        int n = macs.Count;
        var hop = new int[n];
        Array.Fill(hop, int.MaxValue);
        var queue = new Queue<int>();
        for (int i = 0; i < n; i++)
        {
            if (macs[i].Node.IsSink)
            {
                hop[i] = 0;
                queue.Enqueue(i);
            }
        }

        bool Linked(int a, int b)
        {
            if (macs[a].Group.Channel != macs[b].Group.Channel)
            {
                return false;
            }

            double weaker = Math.Min(macs[a].Group.TxPower.Value, macs[b].Group.TxPower.Value);
            return medium.LinkLoss(macs[a].Node.Port, macs[b].Node.Port).Value <= weaker - Sensitivity.Value - Margin.Value;
        }

        double Distance(int a, int b) => macs[a].Node.Port.Position.DistanceTo(macs[b].Node.Port.Position).Value;

        while (queue.Count > 0)
        {
            int u = queue.Dequeue();
            for (int v = 0; v < n; v++)
            {
                if (hop[v] == int.MaxValue && Linked(u, v))
                {
                    hop[v] = hop[u] + 1;
                    queue.Enqueue(v);
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            (Ieee802154MacNode node, Ieee802154GroupConfig group) = macs[i];
            if (node.IsSink)
            {
                continue;
            }

            int best = -1;
            for (int j = 0; j < n; j++)
            {
                bool candidate = group.Tree
                    ? hop[i] != int.MaxValue && hop[j] == hop[i] - 1 && Linked(i, j)
                    : macs[j].Node.IsSink && macs[j].Group.Channel == group.Channel;
                if (candidate && (best < 0 || Distance(i, j) < Distance(i, best)))
                {
                    best = j;
                }
            }

            node.Parent = best < 0 ? null : macs[best].Node.Port.NodeId;
        }
    }
}
