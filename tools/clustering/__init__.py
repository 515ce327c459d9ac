"""Customer clustering: data-driven segments described in a marketer's words.

    >>> result = cluster_customers(ws)                        # behaviour, k chosen for you
    >>> result = cluster_customers(ws, features=["age", "avg_order_value"], n_segments=4)
    >>> labels = cluster_frame(my_feature_table, n_segments=5)  # plain labels, no workspace

Importing this package registers the `cluster_customers` tool.
"""

from tools.clustering.fit import ClusterFit, cluster_frame, fit_clusters
from tools.clustering.tool import ClusterParams, cluster_customers

__all__ = ["ClusterFit", "ClusterParams", "cluster_customers", "cluster_frame", "fit_clusters"]
