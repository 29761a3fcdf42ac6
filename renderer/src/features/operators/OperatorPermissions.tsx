// One operator's permissions (操作权限): every permission ticked as the operator has it now; what
// differs from their role's set is saved as the operator's own exception (granted or withheld),
// so it survives a later change to the role.
import { Alert, Checkbox, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorView } from '../../../../shared/api/types';
import type { Language } from '../../../../shared/errors';
import {
  ADMIN_KEEPS,
  PERMISSION_NAMES,
  PERMISSIONS,
  type Permission,
} from '../../../../shared/permissions';
import { useFeedback } from '../../app/hooks';
import { useRoleSetsQuery, useSetOperatorPermissionsMutation } from './operatorsApi';

export function OperatorPermissions({
  operator,
  onClose,
}: {
  operator: OperatorView;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const roleSets = useRoleSetsQuery();
  const [save, saving] = useSetOperatorPermissionsMutation();
  const [held, setHeld] = useState<readonly Permission[]>(operator.permissions);
  const roleSet = roleSets.data?.find((r) => r.role === operator.role)?.permissions;
  const kept = (p: Permission) => operator.role === 'admin' && ADMIN_KEEPS.includes(p);

  const submit = async () => {
    if (!roleSet) return;
    const granted = held.filter((p) => !roleSet.includes(p));
    const withheld = roleSet.filter((p) => !held.includes(p) && !kept(p));
    const result = await save({ id: operator.id, granted, withheld });
    if (!feedback(result, t('common.saved'))) return;
    onClose();
  };

  return (
    <Modal
      open
      width={640}
      title={t('operators.permissionsOf', {
        name: `${operator.displayName} (${operator.username})`,
      })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving.isLoading}
      okButtonProps={{ disabled: !roleSet }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('operators.permissionsHint', { role: t(`roles.${operator.role}`) })}
      />
      <Table<{ permission: Permission }>
        rowKey="permission"
        size="small"
        pagination={false}
        loading={roleSets.isLoading}
        scroll={{ y: 380 }}
        // The rows come with the role's set: each says what the role gives.
        dataSource={roleSet ? PERMISSIONS.map((permission) => ({ permission })) : []}
        columns={[
          {
            title: t('operators.permission'),
            key: 'name',
            render: (_, { permission }) => (
              <Checkbox
                checked={held.includes(permission) || kept(permission)}
                disabled={kept(permission)}
                title={kept(permission) ? t('operators.adminKeeps') : undefined}
                onChange={(e) =>
                  setHeld((now) =>
                    e.target.checked
                      ? PERMISSIONS.filter((p) => now.includes(p) || p === permission)
                      : now.filter((p) => p !== permission),
                  )
                }
              >
                {PERMISSION_NAMES[permission][i18n.language as Language]}
              </Checkbox>
            ),
          },
          {
            title: t('operators.fromRole'),
            key: 'role',
            width: 140,
            render: (_, { permission }) => {
              if (!roleSet) return null;
              const fromRole = roleSet.includes(permission);
              const has = held.includes(permission) || kept(permission);
              if (has && !fromRole) return <Tag color="blue">{t('operators.granted')}</Tag>;
              if (!has && fromRole) return <Tag color="orange">{t('operators.withheld')}</Tag>;
              return fromRole ? '✓' : '—';
            },
          },
        ]}
      />
    </Modal>
  );
}
